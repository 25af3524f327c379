use chat_domain::entities::{Participant, ParticipantRole};
use chat_domain::events::DomainEvent;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::{rules, RepoError};

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Adds `user_id` to a group as a member. Members (the new one included) hear of it.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an owner or admin of the group (a direct
    /// conversation never changes); `not_found` for an unknown user; `conflict` if they
    /// are already a member; `bad_request` if the group is full.
    pub async fn add_member(
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
        rules::ensure_can_add_member(&conversation, Some(&me))?;
        match self.ports.storage.users.get(user_id).await {
            Ok(_) => {}
            Err(RepoError::NotFound(_)) => return Err(AppError::NotFound("no such user".into())),
            Err(e) => return Err(e.into()),
        }
        let count = self
            .ports
            .storage
            .conversations
            .participants(conversation_id)
            .await?
            .len();
        if count >= self.settings.max_group_members {
            return Err(AppError::BadRequest(format!(
                "a group has at most {} members",
                self.settings.max_group_members
            )));
        }
        let now = self.ports.clock.now();
        let participant = Participant::join(conversation_id, user_id, ParticipantRole::Member, now);
        self.ports
            .storage
            .conversations
            .add_participant(&participant)
            .await
            .map_err(|e| match e {
                RepoError::Conflict(_) => AppError::Conflict("already a member".into()),
                other => other.into(),
            })?;
        let event = DomainEvent::MemberAdded {
            conversation_id,
            user_id,
            by: actor.id(),
        };
        self.publish_to_members(conversation_id, event, None, None)
            .await
            .map(drop)
    }
}
