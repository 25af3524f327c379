use chat_domain::ids::ConversationId;

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Mutes (or unmutes) a conversation for the caller: no push notifications for its
    /// messages. Live delivery is unchanged.
    ///
    /// # Errors
    /// `forbidden` for a non-member (or an unknown conversation).
    pub async fn set_muted(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        muted: bool,
    ) -> Result<(), AppError> {
        self.membership(conversation_id, actor.id()).await?;
        Ok(self
            .ports
            .storage
            .conversations
            .set_muted(conversation_id, actor.id(), muted)
            .await?)
    }
}
