use chat_domain::entities::{
    Conversation, ConversationType, DirectPair, IntegrationEvent, Participant, ParticipantRole,
};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::RepoError;

use crate::{Actor, AppError, ChatApp, ConversationDetail};

impl ChatApp {
    /// The direct conversation between the caller and `peer`, created on first call.
    /// Idempotent: every call for the same pair (from either side, concurrently or not)
    /// returns the same conversation. Returns it and whether this call created it.
    ///
    /// # Errors
    /// `bad_request` for a conversation with oneself; `not_found` for an unknown peer;
    /// `forbidden` when the peer blocks the caller (said as to a non-member).
    pub async fn create_direct_conversation(
        &self,
        actor: &Actor,
        peer: UserId,
    ) -> Result<(ConversationDetail, bool), AppError> {
        let pair = DirectPair::new(actor.id(), peer)?;
        match self.ports.storage.users.get(peer).await {
            Ok(_) => {}
            Err(RepoError::NotFound(_)) => return Err(AppError::NotFound("no such user".into())),
            Err(e) => return Err(e.into()),
        }
        if self.blocks(peer, actor.id()).await? {
            return Err(AppError::Forbidden(chat_domain::rules::NOT_A_MEMBER.into()));
        }
        let now = self.ports.clock.now();
        let candidate = Conversation {
            id: ConversationId::new(),
            ty: ConversationType::Direct { pair },
            created_by: actor.id(),
            created_at: now,
        };
        let participants = [
            Participant::join(candidate.id, actor.id(), ParticipantRole::Owner, now),
            Participant::join(candidate.id, peer, ParticipantRole::Member, now),
        ];
        let (conversation, created) = self
            .ports
            .storage
            .conversations
            .get_or_create_direct(pair, &candidate, participants)
            .await?;
        if created {
            self.queue_event(IntegrationEvent::ConversationCreated {
                conversation_id: conversation.id,
                by: actor.id(),
            })
            .await;
        }
        let detail = self.conversation_detail(conversation, actor.id()).await?;
        Ok((detail, created))
    }

    /// The conversation with its members, as `viewer` sees it.
    pub(crate) async fn conversation_detail(
        &self,
        conversation: Conversation,
        viewer: UserId,
    ) -> Result<ConversationDetail, AppError> {
        let members = self
            .ports
            .storage
            .conversations
            .participants(conversation.id)
            .await?;
        let last_seq = self
            .ports
            .storage
            .messages
            .last_seq(conversation.id)
            .await?;
        let mark = self
            .ports
            .storage
            .messages
            .log_marks(&[conversation.id])
            .await?;
        let read_seq = members
            .iter()
            .find(|p| p.user_id == viewer)
            .map_or(0, |p| p.last_read_seq);
        Ok(ConversationDetail {
            conversation,
            last_seq,
            last_version: mark.first().map_or(0, |m| m.last_version),
            read_seq,
            members,
        })
    }
}
