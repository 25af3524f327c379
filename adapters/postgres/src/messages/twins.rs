//! The stored twins of retried sends: one query for every client id of a batch.

use uuid::Uuid;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::RepoError;

use super::select;
use crate::Db;

/// The stored messages whose (conversation, sender, client id) one of `messages` repeats.
pub(super) async fn stored_twins(
    db: &Db,
    messages: &[&NewMessage],
) -> Result<Vec<Message>, RepoError> {
    let (mut conversations, mut senders, mut client_ids): (Vec<Uuid>, Vec<Uuid>, Vec<&str>) =
        Default::default();
    for m in messages {
        if let Some(c) = &m.client_msg_id {
            conversations.push(*m.conversation_id.as_uuid());
            senders.push(*m.sender_id.as_uuid());
            client_ids.push(c.as_str());
        }
    }
    if client_ids.is_empty() {
        return Ok(Vec::new());
    }
    let filter = "WHERE (m.conversation_id, m.sender_id, m.client_msg_id) IN \
                  (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]))";
    select(db, filter, &[&conversations, &senders, &client_ids]).await
}
