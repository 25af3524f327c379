use async_trait::async_trait;
use thiserror::Error;

use crate::entities::MessageKind;
use crate::ids::{ConversationId, UserId};

/// A send that passed every check and is about to be stored, as a before-send hook sees
/// it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSend {
    /// Who sends.
    pub sender_id: UserId,
    /// Where.
    pub conversation_id: ConversationId,
    /// Text, image or file.
    pub kind: MessageKind,
    /// The body as it would be stored (for an image or file, its JSON description).
    pub body: String,
    /// The sender's idempotency key.
    pub client_msg_id: Option<String>,
}

/// What a hook decides for one send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendVerdict {
    /// Store it as sent.
    Accept,
    /// Store this body instead (text messages only).
    Replace(String),
    /// Store nothing; the sender is told `forbidden` with this reason.
    Reject(String),
}

/// The hook gave no usable answer: none in time, an error status, or one that is not a
/// verdict per send. The text says which.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the before-send hook failed: {0}")]
pub struct HookFailed(pub String);

/// Sees each send before it is stored and decides it (moderation, spam filters, DLP),
/// as OpenIM's callbacks and Tinode's plugins do. Sends that arrive together (a
/// connection's pipelined run) are decided in one call.
#[async_trait]
pub trait BeforeSend: Send + Sync {
    /// One verdict per send, in the given order.
    ///
    /// # Errors
    /// [`HookFailed`] when no usable answer came (in time): the caller then applies its
    /// failure policy to every send of the call.
    async fn check(&self, sends: &[PendingSend]) -> Result<Vec<SendVerdict>, HookFailed>;
}
