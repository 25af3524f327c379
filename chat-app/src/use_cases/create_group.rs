use std::collections::HashSet;

use chat_domain::entities::{
    Conversation, ConversationType, IntegrationEvent, Participant, ParticipantRole,
};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::Title;

use crate::{Actor, AppError, ChatApp, ConversationDetail};

/// Input of [`ChatApp::create_group`].
#[derive(Clone, Debug)]
pub struct CreateGroup {
    /// Group title.
    pub title: String,
    /// The other first members (the caller joins as owner; duplicates are ignored).
    pub member_ids: Vec<UserId>,
}

impl ChatApp {
    /// Creates a group owned by the caller, with the given first members.
    ///
    /// # Errors
    /// `bad_request` for a bad title or more members than allowed; `not_found` if a
    /// member id is unknown (nothing is created then).
    pub async fn create_group(
        &self,
        actor: &Actor,
        cmd: CreateGroup,
    ) -> Result<ConversationDetail, AppError> {
        let title = Title::parse(&cmd.title)?;
        let mut seen = HashSet::from([actor.id()]);
        let others: Vec<UserId> = cmd
            .member_ids
            .into_iter()
            .filter(|id| seen.insert(*id))
            .collect();
        if others.len() + 1 > self.settings.max_group_members {
            return Err(AppError::BadRequest(format!(
                "a group has at most {} members",
                self.settings.max_group_members
            )));
        }
        let found = self.ports.storage.users.get_many(&others).await?;
        if found.len() != others.len() {
            let known: HashSet<_> = found.iter().map(|u| u.id).collect();
            let missing = others.iter().find(|id| !known.contains(id));
            return Err(AppError::NotFound(format!(
                "user {} not found",
                missing.map(ToString::to_string).unwrap_or_default()
            )));
        }
        let now = self.ports.clock.now();
        let conversation = Conversation {
            id: ConversationId::new(),
            ty: ConversationType::Group { title },
            created_by: actor.id(),
            created_at: now,
        };
        let members: Vec<Participant> = std::iter::once((actor.id(), ParticipantRole::Owner))
            .chain(others.iter().map(|id| (*id, ParticipantRole::Member)))
            .map(|(id, role)| Participant::join(conversation.id, id, role, now))
            .collect();
        self.ports
            .storage
            .conversations
            .create_group(&conversation, &members)
            .await?;
        self.queue_event(IntegrationEvent::ConversationCreated {
            conversation_id: conversation.id,
            by: actor.id(),
        })
        .await;
        Ok(ConversationDetail {
            conversation,
            last_seq: 0,
            last_version: 0,
            read_seq: 0,
            members,
        })
    }
}
