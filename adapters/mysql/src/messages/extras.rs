//! What is written beside the `messages` rows: who each message mentions (in the
//! append's transaction), and search terms (after it, by [`super::indexer`]).

use mysql_async::prelude::Queryable;
use mysql_async::Value;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::rules::search_keys;
use chat_domain::values::Seq;

use crate::codec::to_db_time;

/// The `message_terms` rows of live text messages, as parameters for [`insert_terms`].
pub(crate) fn term_rows(messages: &[&Message]) -> Vec<Value> {
    let mut rows = Vec::new();
    for m in messages {
        for term in search_keys(m.body.as_str()) {
            rows.extend([
                m.conversation_id.as_uuid().into(),
                term.into(),
                to_db_time(m.created_at).into(),
                m.seq.get().into(),
            ]);
        }
    }
    rows
}

/// Inserts `message_terms` rows (from [`term_rows`]), in chunks, keeping rows already there.
pub(crate) async fn insert_terms<Q: Queryable>(
    q: &mut Q,
    rows: Vec<Value>,
) -> Result<(), mysql_async::Error> {
    for chunk in rows.chunks(4 * 1000) {
        let marks = vec!["(?, ?, ?, ?)"; chunk.len() / 4].join(", ");
        q.exec_drop(
            format!(
                "INSERT IGNORE INTO message_terms (conversation_id, term, created_at, seq) \
                 VALUES {marks}"
            ),
            chunk.to_vec(),
        )
        .await?;
    }
    Ok(())
}

/// Inserts the mentions of freshly stored messages.
pub(super) async fn insert(
    tx: &mut mysql_async::Transaction<'_>,
    rows: &[(&NewMessage, Seq)],
) -> Result<(), mysql_async::Error> {
    let mut mentions: Vec<Value> = Vec::new();
    for (m, seq) in rows {
        for user in &m.mentions {
            mentions.extend([
                m.conversation_id.as_uuid().into(),
                seq.get().into(),
                user.as_uuid().into(),
            ]);
        }
    }
    if !mentions.is_empty() {
        let marks = vec!["(?, ?, ?)"; mentions.len() / 3].join(", ");
        tx.exec_drop(
            format!("INSERT INTO mentions (conversation_id, seq, user_id) VALUES {marks}"),
            mentions,
        )
        .await?;
    }
    Ok(())
}
