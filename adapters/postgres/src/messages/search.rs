//! The search index in `message_terms` (see the migration): written by the indexer and
//! by edits, read by [`search`]. The most selective query key is looked up in the caller's
//! conversations, newest first; the message as it is now confirms each candidate. Cost:
//! index range reads of that key's rows in those conversations, plus a primary-key read
//! per candidate; independent of how many messages the conversations hold otherwise.

use chrono::{DateTime, Utc};
use deadpool_postgres::Transaction;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use chat_domain::entities::Message;
use chat_domain::ids::ConversationId;
use chat_domain::rules::{lookup_key, search_keys};
use chat_domain::values::{SearchCursor, SearchPage, SearchQuery};
use chat_domain::RepoError;

use crate::codec::{big, seq};
use crate::error::{corrupt, map};
use crate::Db;

/// Candidate rounds per page before answering with what was confirmed so far.
const MAX_ROUNDS: usize = 8;

/// A key as stored: its 64 bits as a `bigint`.
pub(super) fn stored_key(key: u64) -> i64 {
    i64::from_ne_bytes(key.to_ne_bytes())
}

/// Inserts the `message_terms` rows of live text messages, keeping rows already there.
pub(super) async fn insert_terms(
    tx: &Transaction<'_>,
    messages: &[&Message],
) -> Result<(), tokio_postgres::Error> {
    let (mut conversations, mut terms, mut times, mut seqs): (
        Vec<Uuid>,
        Vec<i64>,
        Vec<DateTime<Utc>>,
        Vec<i64>,
    ) = Default::default();
    for m in messages {
        for key in search_keys(m.body.as_str()) {
            conversations.push(*m.conversation_id.as_uuid());
            terms.push(stored_key(key));
            times.push(m.created_at);
            seqs.push(big(m.seq.get()));
        }
    }
    if terms.is_empty() {
        return Ok(());
    }
    let statement = tx
        .prepare_cached(
            "INSERT INTO message_terms (conversation_id, term, created_at, seq) \
             SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::bigint[]) \
             ON CONFLICT DO NOTHING",
        )
        .await?;
    tx.execute(&statement, &[&conversations, &terms, &times, &seqs])
        .await
        .map(drop)
}

pub(super) async fn search(
    db: &Db,
    ids: &[ConversationId],
    query: &SearchQuery,
    before: Option<SearchCursor>,
    limit: usize,
) -> Result<SearchPage, RepoError> {
    let term = stored_key(lookup_key(query));
    let ids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
    let batch = (limit * 2).clamp(16, 200) as i64;
    let mut cursor = before;
    let mut found = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let candidates = candidates(db, &ids, term, cursor, batch).await?;
        let Some(&(c, s, at)) = candidates.last() else {
            return Ok(page(found, None));
        };
        let (convs, seqs): (Vec<Uuid>, Vec<i64>) =
            candidates.iter().map(|&(c, s, _)| (c, s)).unzip();
        let mut messages = super::select(
            db,
            "WHERE (m.conversation_id, m.seq) IN \
             (SELECT * FROM unnest($1::uuid[], $2::bigint[]))",
            &[&convs, &seqs],
        )
        .await?;
        messages.sort_by_key(|m| std::cmp::Reverse(SearchCursor::key(m)));
        for m in messages {
            if !query.matches(&m) {
                continue;
            }
            found.push(m);
            if found.len() == limit {
                let next = found.last().map(SearchCursor::after);
                return Ok(page(found, next));
            }
        }
        if (candidates.len() as i64) < batch {
            return Ok(page(found, None));
        }
        cursor = Some(SearchCursor {
            created_at: at,
            conversation_id: ConversationId::from_uuid(c),
            seq: seq(s, "message_terms.seq")?,
        });
    }
    // Many candidates, few confirmed: hand back what was found and where to go on.
    Ok(page(found, cursor))
}

/// The next `batch` rows of `term` in `ids`, newest first, before `cursor`: each
/// conversation's newest `batch` from a backward range read of the primary key, merged.
/// (One `conversation_id = ANY(…)` range would read every row of the term in all of them
/// and sort: a common word in a long conversation costs a hundred times more.)
async fn candidates(
    db: &Db,
    ids: &[Uuid],
    term: i64,
    cursor: Option<SearchCursor>,
    batch: i64,
) -> Result<Vec<(Uuid, i64, DateTime<Utc>)>, RepoError> {
    // Before the cursor in (created_at, conversation_id, seq) order, for one conversation
    // `c.id`: within the cursor's conversation, before its seq; in a conversation ordered
    // before it, at the cursor's time or earlier; after it, strictly earlier.
    let after_cursor = "AND (m.created_at, m.seq) < ($4, CASE WHEN c.id < $5 \
                        THEN 9223372036854775807 WHEN c.id = $5 THEN $6 ELSE 1 END)";
    let sql = |filter: &str| {
        format!(
            "SELECT t.conversation_id, t.seq, t.created_at FROM unnest($1::uuid[]) AS c(id) \
             CROSS JOIN LATERAL (SELECT m.conversation_id, m.seq, m.created_at \
             FROM message_terms m WHERE m.conversation_id = c.id AND m.term = $2 {filter} \
             ORDER BY m.created_at DESC, m.seq DESC LIMIT $3) t \
             ORDER BY t.created_at DESC, t.conversation_id DESC, t.seq DESC LIMIT $3"
        )
    };
    let conn = db.conn().await?;
    let rows = match cursor {
        Some(c) => {
            let statement = conn.prepare_cached(&sql(after_cursor)).await.map_err(map)?;
            let params: [&(dyn ToSql + Sync); 6] = [
                &ids,
                &term,
                &batch,
                &c.created_at,
                c.conversation_id.as_uuid(),
                &big(c.seq.get()),
            ];
            conn.query(&statement, &params).await
        }
        None => {
            let statement = conn.prepare_cached(&sql("")).await.map_err(map)?;
            conn.query(&statement, &[&ids, &term, &batch]).await
        }
    }
    .map_err(map)?;
    rows.iter()
        .map(|r| {
            let get = |e| corrupt("message_terms row", e);
            Ok((
                r.try_get(0).map_err(get)?,
                r.try_get(1).map_err(get)?,
                r.try_get(2).map_err(get)?,
            ))
        })
        .collect()
}

fn page(messages: Vec<Message>, next: Option<SearchCursor>) -> SearchPage {
    SearchPage {
        messages,
        next,
        partial: false,
    }
}
