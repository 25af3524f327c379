//! The stored twins of retried sends: one query per chunk of a batch's client ids.

use mysql_async::Value;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::RepoError;

use super::chunks::power_of_two_chunks;
use super::select;
use crate::Db;

/// The stored messages whose (conversation, sender, client id) one of `messages` repeats.
pub(super) async fn stored_twins(
    db: &Db,
    messages: &[&NewMessage],
) -> Result<Vec<Message>, RepoError> {
    let keyed: Vec<&NewMessage> = messages
        .iter()
        .copied()
        .filter(|m| m.client_msg_id.is_some())
        .collect();
    let mut found = Vec::new();
    for chunk in power_of_two_chunks(&keyed) {
        let marks = vec!["(?, ?, ?)"; chunk.len()].join(", ");
        let params: Vec<Value> = chunk
            .iter()
            .flat_map(|m| {
                [
                    m.conversation_id.as_uuid().into(),
                    m.sender_id.as_uuid().into(),
                    m.client_msg_id.as_ref().map(|c| c.as_str()).into(),
                ]
            })
            .collect();
        let filter =
            format!("WHERE (m.conversation_id, m.sender_id, m.client_msg_id) IN ({marks})");
        found.extend(select(db, &filter, params).await?);
    }
    Ok(found)
}
