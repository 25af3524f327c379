//! A member's first message since joining starts sharing presence with the members who
//! have sent there before (see `ConversationRepository::contacts`): each side is told
//! the other's status at once, not only at its next change.

use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConversationId, UserId};

use crate::{AppError, ChatApp};

impl ChatApp {
    /// Records `sender`'s first send in `conversation_id` and introduces them to the
    /// members who have sent there. The message is stored already: a failure here is
    /// logged, not returned (the next send tries again).
    pub(crate) async fn first_send(&self, conversation_id: ConversationId, sender: UserId) {
        if let Err(e) = self.try_first_send(conversation_id, sender).await {
            tracing::warn!(error = %e, "recording a member's first send failed");
        }
    }

    async fn try_first_send(
        &self,
        conversation_id: ConversationId,
        sender: UserId,
    ) -> Result<(), AppError> {
        let conversations = &self.ports.storage.conversations;
        conversations.mark_sent(conversation_id, sender).await?;
        let others: Vec<UserId> = conversations
            .participants(conversation_id)
            .await?
            .into_iter()
            .filter(|p| p.has_sent && p.user_id != sender)
            .map(|p| p.user_id)
            .collect();
        if others.is_empty() {
            return Ok(());
        }
        let mut everyone = others.clone();
        everyone.push(sender);
        for p in self.ports.live.presence.get(&everyone).await? {
            let to = if p.user_id == sender {
                others.clone()
            } else {
                vec![sender]
            };
            let event = DomainEvent::PresenceChanged {
                user_id: p.user_id,
                status: p.status,
                last_seen: p.last_seen,
            };
            self.publish(Envelope::new(event, to)).await?;
        }
        Ok(())
    }
}
