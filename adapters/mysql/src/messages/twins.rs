//! The stored twins of retried sends: one query per chunk of a batch's client ids.

use std::collections::BTreeSet;

use mysql_async::Value;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::chunks::power_of_two_chunks;
use super::select;
use crate::stamps::{self, Stamp};
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
    restamp_logs(db, &found).await?;
    Ok(found)
}

/// A retried send found stored: its log is stamped again. The first try may have
/// committed after it gave up (or failed to stamp again), its stamp then below where a
/// sync point settled; the retry makes the message show in the next sync.
async fn restamp_logs(db: &Db, found: &[Message]) -> Result<(), RepoError> {
    let ids: BTreeSet<ConversationId> = found.iter().map(|m| m.conversation_id).collect();
    let ids: Vec<ConversationId> = ids.into_iter().collect();
    stamps::restamp(db, &[Stamp::Logs(&ids)]).await
}
