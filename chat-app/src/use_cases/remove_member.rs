use chat_domain::entities::ParticipantRole;
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::rules;

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Removes `user_id` from a group, or lets the caller leave when it is themselves.
    /// When the owner leaves, ownership passes to the longest-standing admin, else member.
    /// The remaining members and the removed user hear of it.
    ///
    /// # Errors
    /// `forbidden` if the caller may not remove that member (see the rules) or the
    /// conversation is direct; `not_found` if the target is not a member.
    pub async fn remove_member(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        user_id: UserId,
    ) -> Result<(), AppError> {
        let me = self.membership(conversation_id, actor.id()).await?;
        let conversation = self
            .ports
            .storage
            .conversations
            .get(conversation_id)
            .await?;
        let members = self
            .ports
            .storage
            .conversations
            .participants(conversation_id)
            .await?;
        let target = members
            .iter()
            .find(|p| p.user_id == user_id)
            .ok_or_else(|| AppError::NotFound("not a member".into()))?;
        rules::ensure_can_remove_member(&conversation, Some(&me), target)?;
        // Chosen before anything changes: a lookup that fails leaves the group as it was.
        let heir = match target.role {
            ParticipantRole::Owner => {
                let ids: Vec<UserId> = members.iter().map(|p| p.user_id).collect();
                let users = self.ports.storage.users.get_many(&ids).await?;
                let bots: Vec<UserId> = users.iter().filter(|u| u.bot).map(|u| u.id).collect();
                rules::successor_owner(&members, user_id, &bots)
            }
            _ => None,
        };

        self.ports
            .storage
            .conversations
            .remove_participant(conversation_id, user_id)
            .await?;
        if let Some(heir) = heir {
            self.ports
                .storage
                .conversations
                .set_role(conversation_id, heir, ParticipantRole::Owner)
                .await?;
        }
        let audience = members.iter().map(|p| p.user_id).collect();
        let event = DomainEvent::MemberRemoved {
            conversation_id,
            user_id,
            by: actor.id(),
        };
        self.publish(Envelope::new(event, audience)).await
    }
}
