//! The stored twins of retried sends: one query for every client id of a batch.

use uuid::Uuid;

use std::collections::BTreeSet;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::select;
use crate::stamps::{self, Stamp};
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
    let found = select(db, filter, &[&conversations, &senders, &client_ids]).await?;
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
