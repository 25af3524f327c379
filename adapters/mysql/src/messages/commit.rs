//! Committing one batch of appends in one transaction: each conversation's counter row
//! is bumped once by its number of messages (rows locked in conversation id order, so
//! concurrent batches cannot deadlock each other), the messages are inserted with
//! multi-row INSERTs, and the transaction commits. A unique key met on the way (a
//! retried client id) rolls it back and is reported, for chat-sql-kit's batch writer to
//! settle.

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;
use chat_sql_kit::Committer;
use mysql_async::prelude::Queryable;
use mysql_async::{TxOpts, Value};

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ids::ConversationId;
use chat_domain::values::{ClientMsgId, Seq};
use chat_domain::RepoError;

use super::chunks::power_of_two_chunks;
use crate::codec::to_db_time;
use crate::error::{corrupt, is_retryable, map, server_code, DUPLICATE_KEY};
use crate::stamps::{self, Fence, Stamp};
use crate::Db;

/// How often a batch is rerun after the server rolled it back for a deadlock or a lock
/// wait timeout before it gives up with `Unavailable`.
const MAX_ATTEMPTS: u32 = 5;

#[async_trait]
impl Committer for super::Log {
    async fn commit(&self, messages: &[&NewMessage]) -> Result<Option<Vec<Seq>>, RepoError> {
        commit_with_retries(&self.db, messages).await
    }

    async fn stored_twins(&self, messages: &[&NewMessage]) -> Result<Vec<Message>, RepoError> {
        super::twins::stored_twins(&self.db, messages).await
    }
}

/// The seqs given to `messages` (in order), or `None` if a unique key held.
async fn commit_with_retries(
    db: &Db,
    messages: &[&NewMessage],
) -> Result<Option<Vec<Seq>>, RepoError> {
    if messages.is_empty() {
        return Ok(Some(Vec::new()));
    }
    for _ in 0..MAX_ATTEMPTS {
        let Ok(committed) = tokio::time::timeout(db.write_timeout, commit(db, messages)).await
        else {
            // The server may still commit it: a retry with the same client ids finds it.
            return Err(RepoError::Unavailable(format!(
                "the database did not finish the append within {:?}",
                db.write_timeout
            )));
        };
        match committed {
            Ok(seqs) => return Ok(Some(seqs)),
            Err(Failure::Duplicate) => return Ok(None),
            Err(Failure::Retry) => continue,
            Err(Failure::Fatal(e)) => return Err(e),
        }
    }
    Err(RepoError::Unavailable(format!(
        "append rolled back by the server {MAX_ATTEMPTS} times (lock contention)"
    )))
}

enum Failure {
    Duplicate,
    Retry,
    Fatal(RepoError),
}

impl From<mysql_async::Error> for Failure {
    fn from(e: mysql_async::Error) -> Self {
        match server_code(&e) {
            Some(DUPLICATE_KEY) => Failure::Duplicate,
            _ if is_retryable(&e) => Failure::Retry,
            // Includes a COMMIT whose answer was lost: retries with the same client ids
            // find what was stored rather than storing it twice.
            _ => Failure::Fatal(map(e)),
        }
    }
}

impl From<RepoError> for Failure {
    fn from(e: RepoError) -> Self {
        Failure::Fatal(e)
    }
}

async fn commit(db: &Db, messages: &[&NewMessage]) -> Result<Vec<Seq>, Failure> {
    let mut conn = db.conn().await?;
    let fence = Fence::start();
    let mut tx = conn.start_transaction(TxOpts::default()).await?;
    let written = write(&mut tx, messages).await;
    match written {
        Ok((seqs, ids)) => {
            tx.commit().await?;
            drop(conn);
            stamps::restamp_if_slow(fence, db, &[Stamp::Logs(&ids)]).await?;
            Ok(seqs)
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

/// The seqs given, and the conversations written to (in id order).
async fn write(
    tx: &mut mysql_async::Transaction<'_>,
    messages: &[&NewMessage],
) -> Result<(Vec<Seq>, Vec<ConversationId>), Failure> {
    // Counter rows in id order: every batch locks them in the same order.
    let mut counts: BTreeMap<ConversationId, u64> = BTreeMap::new();
    for m in messages {
        *counts.entry(m.conversation_id).or_default() += 1;
    }
    let mut next = reserve(tx, &counts).await?;
    let mut seqs = Vec::with_capacity(messages.len());
    for m in messages {
        let n = next.entry(m.conversation_id).or_default();
        let seq = Seq::new(*n).map_err(|e| corrupt("message_counters.last_seq", e))?;
        *n += 1;
        seqs.push(seq);
    }
    let rows: Vec<(&NewMessage, Seq)> =
        messages.iter().copied().zip(seqs.iter().copied()).collect();
    for chunk in power_of_two_chunks(&rows) {
        insert_rows(tx, chunk).await?;
    }
    super::extras::insert(tx, &rows).await?;
    // Stamp rows locked in id order, after the counters, as every batch does.
    let ids: Vec<ConversationId> = counts.into_keys().collect();
    stamps::write(tx, &[Stamp::Logs(&ids)]).await?;
    Ok((seqs, ids))
}

/// Bumps each conversation's counter by its count; returns each one's first new seq.
async fn reserve(
    tx: &mut mysql_async::Transaction<'_>,
    counts: &BTreeMap<ConversationId, u64>,
) -> Result<HashMap<ConversationId, u64>, Failure> {
    let mut last: HashMap<ConversationId, u64> = HashMap::with_capacity(counts.len());
    if let [(conversation, n)] = counts.iter().collect::<Vec<_>>()[..] {
        // One conversation: `LAST_INSERT_ID(expr)` hands the new value back in the OK
        // packet, no read needed.
        tx.exec_drop(
            "INSERT INTO message_counters (conversation_id, last_seq) \
             VALUES (?, LAST_INSERT_ID(?)) \
             ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + VALUES(last_seq))",
            (*conversation.as_uuid(), *n),
        )
        .await?;
        last.insert(*conversation, tx.last_insert_id().unwrap_or(0));
    } else {
        let rows: Vec<(&ConversationId, &u64)> = counts.iter().collect();
        for chunk in power_of_two_chunks(&rows) {
            let marks = vec!["(?, ?)"; chunk.len()].join(", ");
            let params: Vec<Value> = chunk
                .iter()
                .flat_map(|(c, n)| [c.as_uuid().into(), (**n).into()])
                .collect();
            tx.exec_drop(
                format!(
                    "INSERT INTO message_counters (conversation_id, last_seq) VALUES {marks} \
                     ON DUPLICATE KEY UPDATE last_seq = last_seq + VALUES(last_seq)"
                ),
                params,
            )
            .await?;
            // Our own uncommitted values: the rows stay locked until commit.
            let marks = vec!["?"; chunk.len()].join(", ");
            let ids: Vec<Value> = chunk.iter().map(|(c, _)| c.as_uuid().into()).collect();
            let values: Vec<(uuid::Uuid, u64)> = tx
                .exec(
                    format!(
                        "SELECT conversation_id, last_seq FROM message_counters \
                         WHERE conversation_id IN ({marks})"
                    ),
                    ids,
                )
                .await?;
            last.extend(
                values
                    .into_iter()
                    .map(|(c, n)| (ConversationId::from_uuid(c), n)),
            );
        }
    }
    counts
        .iter()
        .map(|(c, n)| {
            let first = last
                .get(c)
                .and_then(|l| l.checked_sub(n - 1))
                .filter(|f| *f > 0);
            first.map(|f| (*c, f)).ok_or_else(|| {
                Failure::Fatal(corrupt("message_counters", format!("{c}: no new value")))
            })
        })
        .collect()
}

async fn insert_rows(
    tx: &mut mysql_async::Transaction<'_>,
    rows: &[(&NewMessage, Seq)],
) -> Result<(), mysql_async::Error> {
    let marks = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; rows.len()].join(", ");
    let mut params: Vec<Value> = Vec::with_capacity(rows.len() * 9);
    for (m, seq) in rows {
        params.extend([
            m.conversation_id.as_uuid().into(),
            seq.get().into(),
            m.id.as_uuid().into(),
            m.sender_id.as_uuid().into(),
            m.kind.as_str().into(),
            m.body.as_str().into(),
            m.client_msg_id.as_ref().map(ClientMsgId::as_str).into(),
            m.reply_to.map(Seq::get).into(),
            to_db_time(m.created_at).into(),
        ]);
    }
    tx.exec_drop(
        format!(
            "INSERT INTO messages (conversation_id, seq, id, sender_id, kind, body, \
             client_msg_id, reply_to, created_at) VALUES {marks}"
        ),
        params,
    )
    .await
}
