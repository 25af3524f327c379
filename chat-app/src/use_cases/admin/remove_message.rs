use chat_domain::entities::{Message, MessageKind};
use chat_domain::ids::ConversationId;
use chat_domain::values::Seq;

use super::ensure_admin;
use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// A server admin removes any message of any conversation, member or not: it becomes
    /// a tombstone that says who removed it and when (a recall, if the admin sent it).
    /// Members get `message_updated`, and `unpinned` if it was pinned.
    ///
    /// # Errors
    /// `forbidden` for a caller who is not an admin, or a system message; `not_found` for
    /// no such conversation or no message at `seq`; `conflict` if it is a tombstone
    /// already.
    pub async fn admin_remove_message(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
    ) -> Result<Message, AppError> {
        ensure_admin(actor)?;
        let seq = Seq::new(seq)?;
        let message = self
            .ports
            .storage
            .messages
            .get(conversation_id, seq)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no message at seq {seq}")))?;
        if message.deleted {
            return Err(AppError::Conflict(
                "the message was already recalled".into(),
            ));
        }
        if message.kind == MessageKind::System {
            return Err(AppError::Forbidden(
                "system messages cannot be removed".into(),
            ));
        }
        self.tombstone(actor, &message).await
    }
}
