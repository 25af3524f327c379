//! What an append writes beside the `messages` rows: who each message mentions. (Search
//! terms are written after the commit, by [`super::indexer`].)

use mysql_async::prelude::Queryable;
use mysql_async::Value;

use chat_domain::entities::NewMessage;
use chat_domain::rules::index_terms;
use chat_domain::values::Seq;

/// A text body's search terms as stored in `message_search.terms`: each term hex-encoded,
/// space-separated (see the migration for why).
pub(crate) fn stored_terms(body: &str) -> String {
    index_terms(body)
        .iter()
        .map(|t| hex(t.as_bytes()))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
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
