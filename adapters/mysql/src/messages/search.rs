//! Search over `message_terms` (see the migration): the most selective query term is
//! looked up in the caller's conversations, newest first; the message as it is now
//! confirms each candidate. Cost: index range reads of that term's rows in those
//! conversations, plus a primary-key read per candidate; independent of how many
//! messages the conversations hold otherwise.

use chrono::NaiveDateTime;
use mysql_async::prelude::Queryable;
use mysql_async::Value;
use uuid::Uuid;

use chat_domain::ids::ConversationId;
use chat_domain::rules::lookup_key;
use chat_domain::values::{SearchCursor, SearchPage, SearchQuery, Seq};
use chat_domain::RepoError;

use crate::codec::{from_db_time, to_db_time};
use crate::error::{corrupt, map};
use crate::Db;

/// Candidate rounds per page before answering with what was confirmed so far.
const MAX_ROUNDS: usize = 8;

pub(super) async fn search(
    db: &Db,
    ids: &[ConversationId],
    query: &SearchQuery,
    before: Option<SearchCursor>,
    limit: usize,
) -> Result<SearchPage, RepoError> {
    let term = lookup_key(query);
    let marks = vec!["?"; ids.len()].join(", ");
    let batch = (limit * 2).clamp(16, 200);
    let mut cursor = before;
    let mut found = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut params: Vec<Value> = ids.iter().map(|id| id.as_uuid().into()).collect();
        params.push(term.into());
        let mut filter = String::new();
        if let Some(c) = cursor {
            filter = " AND (t.created_at, t.conversation_id, t.seq) < (?, ?, ?)".into();
            params.extend([
                to_db_time(c.created_at).into(),
                c.conversation_id.as_uuid().into(),
                c.seq.get().into(),
            ]);
        }
        params.push((batch as u64).into());
        let mut conn = db.conn().await?;
        let candidates: Vec<(Uuid, u64, NaiveDateTime)> = conn
            .exec(
                format!(
                    "SELECT t.conversation_id, t.seq, t.created_at FROM message_terms t \
                     WHERE t.conversation_id IN ({marks}) AND t.term = ?{filter} \
                     ORDER BY t.created_at DESC, t.conversation_id DESC, t.seq DESC LIMIT ?"
                ),
                params,
            )
            .await
            .map_err(map)?;
        drop(conn);
        if candidates.is_empty() {
            return Ok(page(found, None));
        }
        let pairs = vec!["(?, ?)"; candidates.len()].join(", ");
        let keys: Vec<Value> = candidates
            .iter()
            .flat_map(|(c, s, _)| [Value::from(*c), Value::from(*s)])
            .collect();
        let mut messages = super::select(
            db,
            &format!("WHERE (m.conversation_id, m.seq) IN ({pairs})"),
            keys,
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
        if candidates.len() < batch {
            return Ok(page(found, None));
        }
        let (c, s, at) = candidates[candidates.len() - 1];
        cursor = Some(SearchCursor {
            created_at: from_db_time(at),
            conversation_id: ConversationId::from_uuid(c),
            seq: Seq::new(s).map_err(|e| corrupt("message_terms.seq", e))?,
        });
    }
    // Many candidates, few confirmed: hand back what was found and where to go on.
    Ok(page(found, cursor))
}

fn page(messages: Vec<chat_domain::entities::Message>, next: Option<SearchCursor>) -> SearchPage {
    SearchPage {
        messages,
        next,
        partial: false,
    }
}
