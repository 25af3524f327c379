//! Committing one batch of appends in one transaction: each conversation's counter row
//! is raised once by its number of messages (rows locked in conversation id order, so
//! concurrent batches cannot deadlock each other), the messages and their mentions go in
//! with one statement each whatever the batch's size (arrays through `unnest`, so each
//! statement is prepared once per connection), and the transaction commits: one WAL
//! flush. A unique constraint met on the way (a retried client id) rolls it back and is
//! reported, for chat-sql-kit's batch writer to settle.

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;
use chat_sql_kit::Committer;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ids::ConversationId;
use chat_domain::values::{ClientMsgId, Seq};
use chat_domain::RepoError;

use crate::codec::big;
use crate::error::{corrupt, is_duplicate, is_retryable, map};
use crate::stamps::{self, Fence, Stamp};
use crate::Db;

/// How often a batch is rerun after the server rolled it back for a deadlock before it
/// gives up with `Unavailable`.
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

/// The seqs given to `messages` (in order), or `None` if a unique constraint held.
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

impl From<tokio_postgres::Error> for Failure {
    fn from(e: tokio_postgres::Error) -> Self {
        if is_duplicate(&e) {
            Failure::Duplicate
        } else if is_retryable(&e) {
            Failure::Retry
        } else {
            // Includes a COMMIT whose answer was lost: retries with the same client ids
            // find what was stored rather than storing it twice.
            Failure::Fatal(map(e))
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
    let tx = conn.transaction().await?;
    // An error drops `tx`, which rolls it back.
    let (seqs, ids) = write(&tx, messages).await?;
    tx.commit().await?;
    drop(conn);
    stamps::restamp_if_slow(fence, db, &[Stamp::Logs(&ids)]).await?;
    Ok(seqs)
}

/// The seqs given, and the conversations written to (in id order).
async fn write(
    tx: &deadpool_postgres::Transaction<'_>,
    messages: &[&NewMessage],
) -> Result<(Vec<Seq>, Vec<ConversationId>), Failure> {
    let mut counts: BTreeMap<ConversationId, u64> = BTreeMap::new();
    for m in messages {
        *counts.entry(m.conversation_id).or_default() += 1;
    }
    let mut next = reserve(tx, &counts).await?;
    let mut seqs = Vec::with_capacity(messages.len());
    for m in messages {
        let n = next.entry(m.conversation_id).or_default();
        seqs.push(Seq::new(*n).map_err(|e| corrupt("message_counters.last_seq", e))?);
        *n += 1;
    }
    insert_messages(tx, messages, &seqs).await?;
    insert_mentions(tx, messages, &seqs).await?;
    // Stamp rows locked in id order, after the counters, as every batch does.
    let ids: Vec<ConversationId> = counts.into_keys().collect();
    stamps::write(tx, &[Stamp::Logs(&ids)]).await?;
    Ok((seqs, ids))
}

/// Raises each conversation's counter by its count; returns each one's first new seq.
async fn reserve(
    tx: &deadpool_postgres::Transaction<'_>,
    counts: &BTreeMap<ConversationId, u64>,
) -> Result<HashMap<ConversationId, u64>, Failure> {
    let ids: Vec<Uuid> = counts.keys().map(|c| *c.as_uuid()).collect();
    let adds: Vec<i64> = counts.values().map(|n| big(*n)).collect();
    // `ORDER BY` makes every batch take the row locks in the same order.
    let statement = tx
        .prepare_cached(
            "INSERT INTO message_counters AS mc (conversation_id, last_seq) \
             SELECT c, n FROM unnest($1::uuid[], $2::bigint[]) AS t(c, n) ORDER BY c \
             ON CONFLICT (conversation_id) DO UPDATE SET last_seq = mc.last_seq + EXCLUDED.last_seq \
             RETURNING conversation_id, last_seq",
        )
        .await?;
    let rows = tx.query(&statement, &[&ids, &adds]).await?;
    let mut last: HashMap<ConversationId, i64> = HashMap::with_capacity(rows.len());
    for row in rows {
        let id: Uuid = row.try_get(0).map_err(|e| corrupt("message_counters", e))?;
        let value: i64 = row.try_get(1).map_err(|e| corrupt("message_counters", e))?;
        last.insert(ConversationId::from_uuid(id), value);
    }
    counts
        .iter()
        .map(|(c, n)| {
            let first = last
                .get(c)
                .and_then(|l| u64::try_from(*l).ok())
                .and_then(|l| l.checked_sub(n - 1))
                .filter(|f| *f > 0);
            first.map(|f| (*c, f)).ok_or_else(|| {
                Failure::Fatal(corrupt("message_counters", format!("{c}: no new value")))
            })
        })
        .collect()
}

async fn insert_messages(
    tx: &deadpool_postgres::Transaction<'_>,
    messages: &[&NewMessage],
    seqs: &[Seq],
) -> Result<(), tokio_postgres::Error> {
    let conversations: Vec<Uuid> = messages
        .iter()
        .map(|m| *m.conversation_id.as_uuid())
        .collect();
    let seqs: Vec<i64> = seqs.iter().map(|s| big(s.get())).collect();
    let ids: Vec<Uuid> = messages.iter().map(|m| *m.id.as_uuid()).collect();
    let senders: Vec<Uuid> = messages.iter().map(|m| *m.sender_id.as_uuid()).collect();
    let kinds: Vec<&str> = messages.iter().map(|m| m.kind.as_str()).collect();
    let bodies: Vec<&str> = messages.iter().map(|m| m.body.as_str()).collect();
    let client_ids: Vec<Option<&str>> = messages
        .iter()
        .map(|m| m.client_msg_id.as_ref().map(ClientMsgId::as_str))
        .collect();
    let replies: Vec<Option<i64>> = messages
        .iter()
        .map(|m| m.reply_to.map(|s| big(s.get())))
        .collect();
    let times: Vec<DateTime<Utc>> = messages.iter().map(|m| m.created_at).collect();
    let roots: Vec<Option<i64>> = messages
        .iter()
        .map(|m| m.thread_root.map(|s| big(s.get())))
        .collect();
    let forwarded_from: Vec<Option<Uuid>> = messages
        .iter()
        .map(|m| m.forwarded.map(|f| *f.sender_id.as_uuid()))
        .collect();
    let forwarded_at: Vec<Option<DateTime<Utc>>> = messages
        .iter()
        .map(|m| m.forwarded.map(|f| f.created_at))
        .collect();
    // Each message's mentions as an array literal (uuids need no quoting): arrays of
    // differing lengths cannot travel as one two-dimensional parameter.
    let mentions: Vec<String> = messages
        .iter()
        .map(|m| {
            let ids: Vec<String> = m.mentions.iter().map(|u| u.as_uuid().to_string()).collect();
            format!("{{{}}}", ids.join(","))
        })
        .collect();
    let statement = tx
        .prepare_cached(
            "INSERT INTO messages (conversation_id, seq, id, sender_id, kind, body, \
             client_msg_id, reply_to, created_at, mentions, thread_root, \
             forwarded_sender_id, forwarded_at) \
             SELECT c, s, i, u, k, b, cm, r, t, mn::uuid[], tr, fs, ft FROM unnest($1::uuid[], \
             $2::bigint[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], \
             $8::bigint[], $9::timestamptz[], $10::text[], $11::bigint[], $12::uuid[], \
             $13::timestamptz[]) AS x(c, s, i, u, k, b, cm, r, t, mn, tr, fs, ft)",
        )
        .await?;
    tx.execute(
        &statement,
        &[
            &conversations,
            &seqs,
            &ids,
            &senders,
            &kinds,
            &bodies,
            &client_ids,
            &replies,
            &times,
            &mentions,
            &roots,
            &forwarded_from,
            &forwarded_at,
        ],
    )
    .await
    .map(drop)
}

/// The `mentions` rows unread mentions are counted from.
async fn insert_mentions(
    tx: &deadpool_postgres::Transaction<'_>,
    messages: &[&NewMessage],
    seqs: &[Seq],
) -> Result<(), tokio_postgres::Error> {
    let (mut conversations, mut users, mut at): (Vec<Uuid>, Vec<Uuid>, Vec<i64>) =
        Default::default();
    for (m, seq) in messages.iter().zip(seqs) {
        for user in &m.mentions {
            conversations.push(*m.conversation_id.as_uuid());
            users.push(*user.as_uuid());
            at.push(big(seq.get()));
        }
    }
    if users.is_empty() {
        return Ok(());
    }
    let statement = tx
        .prepare_cached(
            "INSERT INTO mentions (conversation_id, user_id, seq) \
             SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[]) ON CONFLICT DO NOTHING",
        )
        .await?;
    tx.execute(&statement, &[&conversations, &users, &at])
        .await
        .map(drop)
}
