use chat_domain::entities::{Forwarded, Message, MessageKind};
use chat_domain::ids::{ConversationId, FileId};
use chat_domain::values::{MessageBody, Seq};

use crate::{Actor, AppError, ChatApp};

/// The message a send forwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForwardSource {
    /// Its conversation, which the sender must be a member of.
    pub conversation_id: ConversationId,
    /// Its seq.
    pub seq: u64,
}

/// What a forward copies from its source.
pub(crate) struct ForwardCopy {
    pub(crate) kind: MessageKind,
    pub(crate) body: MessageBody,
    pub(crate) from: Forwarded,
}

impl ChatApp {
    /// The kind and body to forward into `target`, and where they came from. A file
    /// stays readable to the target's members: the target references it too.
    ///
    /// # Errors
    /// `forbidden` if the sender is not a member of the source conversation (left it,
    /// or never was); `not_found` for no message at the seq; `conflict` for a recalled
    /// one; `bad_request` for a system message.
    pub(crate) async fn forward_copy(
        &self,
        actor: &Actor,
        target: ConversationId,
        source: ForwardSource,
    ) -> Result<ForwardCopy, AppError> {
        let seq = Seq::new(source.seq)?;
        self.membership(source.conversation_id, actor.id()).await?;
        let original = self
            .ports
            .storage
            .messages
            .get(source.conversation_id, seq)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no message at seq {seq}")))?;
        if original.deleted {
            return Err(AppError::Conflict("the message was recalled".into()));
        }
        if original.kind == MessageKind::System {
            return Err(AppError::BadRequest(
                "system messages cannot be forwarded".into(),
            ));
        }
        if let Some(file) = attached_file(&original) {
            self.ports.files.add_reference(file, target).await?;
        }
        Ok(ForwardCopy {
            kind: original.kind,
            from: original.forwarded.unwrap_or(Forwarded {
                sender_id: original.sender_id,
                created_at: original.created_at,
            }),
            body: original.body,
        })
    }
}

/// The file an image or file message's stored body names.
/// The file an image or file message attaches.
pub(crate) fn attached_file(message: &Message) -> Option<FileId> {
    message.attached_file()
}
