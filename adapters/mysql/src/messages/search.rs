//! Search with InnoDB's FULLTEXT index over `message_search.terms` (hex-encoded terms,
//! see the migration): boolean mode finds candidates holding every query term, newest
//! first; each candidate's body then confirms the match (two bigrams of a Chinese query
//! may sit apart in a message). Cost: one index lookup per page plus a primary-key read
//! of the candidates, independent of how many messages the caller's conversations hold.

use chrono::NaiveDateTime;
use mysql_async::prelude::Queryable;
use mysql_async::Value;
use uuid::Uuid;

use chat_domain::ids::ConversationId;
use chat_domain::values::{SearchCursor, SearchPage, SearchQuery};
use chat_domain::RepoError;

use super::extras::hex;
use crate::codec::to_db_time;
use crate::error::map;
use crate::Db;

/// Candidate rounds per page before answering with what was confirmed so far.
const MAX_ROUNDS: usize = 8;

fn boolean_query(query: &SearchQuery) -> String {
    query
        .terms()
        .iter()
        .map(|t| {
            let star = if t.prefix { "*" } else { "" };
            format!("+{}{star}", hex(t.term.as_bytes()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) async fn search(
    db: &Db,
    ids: &[ConversationId],
    query: &SearchQuery,
    before: Option<SearchCursor>,
    limit: usize,
) -> Result<SearchPage, RepoError> {
    let against = boolean_query(query);
    let marks = vec!["?"; ids.len()].join(", ");
    let batch = (limit * 2).clamp(16, 200);
    let mut cursor = before;
    let mut found = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut params: Vec<Value> = ids.iter().map(|id| id.as_uuid().into()).collect();
        params.push(against.clone().into());
        let mut filter = String::new();
        if let Some(c) = cursor {
            filter = " AND (s.created_at, s.conversation_id, s.seq) < (?, ?, ?)".into();
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
                    "SELECT s.conversation_id, s.seq, s.created_at FROM message_search s \
                     WHERE s.conversation_id IN ({marks}) \
                     AND MATCH (s.terms) AGAINST (? IN BOOLEAN MODE){filter} \
                     ORDER BY s.created_at DESC, s.conversation_id DESC, s.seq DESC LIMIT ?"
                ),
                params,
            )
            .await
            .map_err(map)?;
        drop(conn);
        if candidates.is_empty() {
            return Ok(SearchPage {
                messages: found,
                next: None,
                partial: false,
            });
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
                return Ok(SearchPage {
                    messages: found,
                    next,
                    partial: false,
                });
            }
        }
        if candidates.len() < batch {
            return Ok(SearchPage {
                messages: found,
                next: None,
                partial: false,
            });
        }
        let (c, s, at) = candidates[candidates.len() - 1];
        cursor = Some(SearchCursor {
            created_at: crate::codec::from_db_time(at),
            conversation_id: ConversationId::from_uuid(c),
            seq: chat_domain::values::Seq::new(s)
                .map_err(|e| crate::error::corrupt("message_search.seq", e))?,
        });
    }
    // Many candidates, few confirmed: hand back what was found and where to go on.
    Ok(SearchPage {
        messages: found,
        next: cursor,
        partial: false,
    })
}
