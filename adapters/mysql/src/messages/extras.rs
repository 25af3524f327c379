//! What is written beside the `messages` rows: who each message mentions and its
//! thread and forward links (in the append's transaction), and search terms (after it,
//! by [`super::indexer`]).

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
    insert_links(tx, rows).await
}

/// The `message_links` rows of replies in a thread and of forwards.
async fn insert_links(
    tx: &mut mysql_async::Transaction<'_>,
    rows: &[(&NewMessage, Seq)],
) -> Result<(), mysql_async::Error> {
    let mut links: Vec<Value> = Vec::new();
    for (m, seq) in rows {
        if m.thread_root.is_none() && m.forwarded.is_none() {
            continue;
        }
        links.extend([
            m.conversation_id.as_uuid().into(),
            seq.get().into(),
            m.thread_root.map(Seq::get).into(),
            m.forwarded.map(|f| *f.sender_id.as_uuid()).into(),
            m.forwarded.map(|f| to_db_time(f.created_at)).into(),
        ]);
    }
    if links.is_empty() {
        return Ok(());
    }
    let marks = vec!["(?, ?, ?, ?, ?)"; links.len() / 5].join(", ");
    tx.exec_drop(
        format!(
            "INSERT INTO message_links (conversation_id, seq, thread_root, \
             forwarded_sender_id, forwarded_at) VALUES {marks}"
        ),
        links,
    )
    .await
}
