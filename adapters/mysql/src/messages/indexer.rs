//! Search indexing off the append path: appends only tell this task which conversations
//! grew; it indexes their new messages in batches after the
//! commit and records how far it got in `search_watermark`. A search first indexes
//! whatever its conversations still lack ([`catch_up`]), so results never miss a message,
//! and a start picks up what a crashed process left behind.

use std::collections::HashSet;
use std::time::Duration;

use mysql_async::prelude::Queryable;
use mysql_async::Value;
use tokio::sync::mpsc;
use uuid::Uuid;

use chat_domain::entities::{Message, MessageKind};
use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::extras::{insert_terms, term_rows};
use crate::error::map;
use crate::Db;

/// Messages indexed per round trip.
const CHUNK: u64 = 500;
/// How long the task gathers conversations before indexing them: fewer, larger
/// transactions compete less with the appends for the log's fsyncs.
const GATHER: Duration = Duration::from_millis(200);

/// Hands conversations that grew to the indexing task.
pub(super) struct Indexer {
    grew: mpsc::UnboundedSender<ConversationId>,
}

impl Indexer {
    /// Starts the task on the current runtime; it first looks for conversations a
    /// previous process did not finish.
    pub(super) fn start(db: Db) -> Self {
        let (grew, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(db, rx));
        Self { grew }
    }

    /// Notes that `id` has new messages.
    pub(super) fn grew(&self, id: ConversationId) {
        let _ = self.grew.send(id);
    }
}

async fn run(db: Db, mut rx: mpsc::UnboundedReceiver<ConversationId>) {
    match lagging(&db, None).await {
        Ok(ids) => {
            for id in ids {
                if let Err(e) = index(&db, id).await {
                    tracing::warn!(error = %e, "search indexing failed; a search will catch up");
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "search index check at start failed"),
    }
    while let Some(first) = rx.recv().await {
        let mut ids = HashSet::from([first]);
        tokio::time::sleep(GATHER).await;
        while let Ok(id) = rx.try_recv() {
            ids.insert(id);
        }
        for id in ids {
            if let Err(e) = index(&db, id).await {
                tracing::debug!(error = %e, "search indexing failed; a search will catch up");
            }
        }
    }
}

/// Conversations whose messages are not all indexed (among `ids`, or all of them).
async fn lagging(
    db: &Db,
    ids: Option<&[ConversationId]>,
) -> Result<Vec<ConversationId>, RepoError> {
    let mut sql = "SELECT c.conversation_id FROM message_counters c \
                   LEFT JOIN search_watermark w ON w.conversation_id = c.conversation_id \
                   WHERE c.last_seq > COALESCE(w.indexed_seq, 0)"
        .to_owned();
    let mut params: Vec<Value> = Vec::new();
    if let Some(ids) = ids {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(&format!(
            " AND c.conversation_id IN ({})",
            vec!["?"; ids.len()].join(", ")
        ));
        params.extend(ids.iter().map(|id| Value::from(id.as_uuid())));
    }
    let mut conn = db.conn().await?;
    let found: Vec<Uuid> = conn.exec(sql, params).await.map_err(map)?;
    Ok(found.into_iter().map(ConversationId::from_uuid).collect())
}

/// Indexes every message of `ids` not yet indexed; searches call it first.
pub(super) async fn catch_up(db: &Db, ids: &[ConversationId]) -> Result<(), RepoError> {
    for id in lagging(db, Some(ids)).await? {
        index(db, id).await?;
    }
    Ok(())
}

/// Indexes one conversation's messages after its watermark. Idempotent: rows already
/// there are kept, and the watermark only moves forward, so two processes may race.
async fn index(db: &Db, id: ConversationId) -> Result<(), RepoError> {
    loop {
        let mut conn = db.conn().await?;
        let from: Option<u64> = conn
            .exec_first(
                "SELECT indexed_seq FROM search_watermark WHERE conversation_id = ?",
                (*id.as_uuid(),),
            )
            .await
            .map_err(map)?;
        drop(conn);
        let from = from.unwrap_or(0);
        // As they are now: an edited body is indexed as edited, a recalled one not at all.
        let page: Vec<Message> = super::select(
            db,
            "WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?",
            (*id.as_uuid(), from, CHUNK),
        )
        .await?;
        let Some(last) = page.last().map(|m| m.seq.get()) else {
            return Ok(());
        };
        let live: Vec<&Message> = page
            .iter()
            .filter(|m| m.kind == MessageKind::Text && !m.deleted)
            .collect();
        let rows = term_rows(&live);
        // Terms and watermark in one transaction: one commit, one fsync.
        let mut conn = db.conn().await?;
        let mut tx = conn
            .start_transaction(mysql_async::TxOpts::default())
            .await
            .map_err(map)?;
        insert_terms(&mut tx, rows).await.map_err(map)?;
        tx.exec_drop(
            "INSERT INTO search_watermark (conversation_id, indexed_seq) VALUES (?, ?) \
             ON DUPLICATE KEY UPDATE indexed_seq = GREATEST(indexed_seq, VALUES(indexed_seq))",
            (*id.as_uuid(), last),
        )
        .await
        .map_err(map)?;
        tx.commit().await.map_err(map)?;
        if (page.len() as u64) < CHUNK {
            return Ok(());
        }
    }
}
