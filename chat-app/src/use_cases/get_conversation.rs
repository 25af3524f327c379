use chat_domain::ids::ConversationId;

use crate::{Actor, AppError, ChatApp, ConversationDetail};

impl ChatApp {
    /// One conversation with its members and their read cursors.
    ///
    /// # Errors
    /// `forbidden` for a non-member (also for an unknown id, so ids cannot be probed).
    pub async fn get_conversation(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
    ) -> Result<ConversationDetail, AppError> {
        self.membership(conversation_id, actor.id()).await?;
        let conversation = self
            .ports
            .storage
            .conversations
            .get(conversation_id)
            .await?;
        self.conversation_detail(conversation, actor.id()).await
    }
}
