use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::ConversationId;

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Tells the other members that the caller is typing. Nothing is stored.
    ///
    /// # Errors
    /// `forbidden` for a non-member; `rate_limited` past [`Settings::typing_limit`]
    /// (each one is relayed to every member, so a flood must stop here).
    ///
    /// [`Settings::typing_limit`]: crate::Settings::typing_limit
    pub async fn typing(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
    ) -> Result<(), AppError> {
        self.membership(conversation_id, actor.id()).await?;
        self.rate_check(
            &format!("typing:{}", actor.id()),
            self.settings.typing_limit,
        )
        .await?;
        let members = self
            .ports
            .storage
            .conversations
            .participants(conversation_id)
            .await?;
        let others = members
            .iter()
            .map(|p| p.user_id)
            .filter(|u| *u != actor.id())
            .collect();
        // Those who block the typist hear nothing of it.
        let audience = self.without_blockers_of(actor.id(), others).await?;
        let event = DomainEvent::Typing {
            conversation_id,
            user_id: actor.id(),
        };
        self.publish(Envelope::new(event, audience)).await
    }
}
