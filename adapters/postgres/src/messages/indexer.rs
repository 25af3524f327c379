//! Search indexing off the append path: appends only tell this task which conversations
//! grew; it indexes their new messages in batches after the commit and records how far
//! it got in `search_watermark`. A search first indexes whatever its conversations still
//! lack ([`catch_up`]), so results never miss a message, and a start picks up what a
//! crashed process left behind.

use std::collections::HashSet;
use std::time::Duration;

use tokio::sync::mpsc;
use uuid::Uuid;

use chat_domain::entities::{Message, MessageKind};
use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::search::insert_terms;
use crate::codec::big;
use crate::error::{corrupt, map};
use crate::Db;

/// Messages indexed per transaction.
const CHUNK: i64 = 500;
/// How long the task gathers conversations before indexing them: fewer, larger
/// transactions compete less with the appends for WAL flushes.
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
    let sql = "SELECT c.conversation_id FROM message_counters c \
               LEFT JOIN search_watermark w ON w.conversation_id = c.conversation_id \
               WHERE c.last_seq > COALESCE(w.indexed_seq, 0)";
    let conn = db.conn().await?;
    let rows = match ids {
        Some([]) => return Ok(Vec::new()),
        Some(ids) => {
            let ids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
            let statement = conn
                .prepare_cached(&format!("{sql} AND c.conversation_id = ANY($1)"))
                .await
                .map_err(map)?;
            conn.query(&statement, &[&ids]).await
        }
        None => conn.query(sql, &[]).await,
    }
    .map_err(map)?;
    rows.iter()
        .map(|r| {
            r.try_get::<_, Uuid>(0)
                .map(ConversationId::from_uuid)
                .map_err(|e| corrupt("message_counters", e))
        })
        .collect()
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
        let conn = db.conn().await?;
        let from: i64 = conn
            .query_opt(
                "SELECT indexed_seq FROM search_watermark WHERE conversation_id = $1",
                &[id.as_uuid()],
            )
            .await
            .map_err(map)?
            .map_or(0, |r| r.get(0));
        drop(conn);
        // As they are now: an edited body is indexed as edited, a recalled one not at all.
        let page: Vec<Message> = super::select(
            db,
            "WHERE m.conversation_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3",
            &[id.as_uuid(), &from, &CHUNK],
        )
        .await?;
        let Some(last) = page.last().map(|m| big(m.seq.get())) else {
            return Ok(());
        };
        let live: Vec<&Message> = page
            .iter()
            .filter(|m| m.kind == MessageKind::Text && !m.deleted)
            .collect();
        // Terms and watermark in one transaction: one commit, one WAL flush.
        let mut conn = db.conn().await?;
        let tx = conn.transaction().await.map_err(map)?;
        insert_terms(&tx, &live).await.map_err(map)?;
        let mark = tx
            .prepare_cached(
                "INSERT INTO search_watermark AS w (conversation_id, indexed_seq) VALUES ($1, $2) \
                 ON CONFLICT (conversation_id) \
                 DO UPDATE SET indexed_seq = GREATEST(w.indexed_seq, EXCLUDED.indexed_seq)",
            )
            .await
            .map_err(map)?;
        tx.execute(&mark, &[id.as_uuid(), &last])
            .await
            .map_err(map)?;
        tx.commit().await.map_err(map)?;
        if (page.len() as i64) < CHUNK {
            return Ok(());
        }
    }
}
