use chat_domain::events::DomainEvent;
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
        let event = DomainEvent::Typing {
            conversation_id,
            user_id: actor.id(),
        };
        self.publish_to_members(conversation_id, event, Some(actor.id()), None)
            .await
            .map(drop)
    }
}
