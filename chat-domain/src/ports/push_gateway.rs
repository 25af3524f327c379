use chrono::{DateTime, Utc};

use crate::entities::MessageKind;
use crate::ids::{ConversationId, MessageId, UserId};

/// A notification for a member who had no live connection when a message was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushNotification {
    /// Who to notify.
    pub user_id: UserId,
    /// Where the message is.
    pub conversation_id: ConversationId,
    /// The message.
    pub message_id: MessageId,
    /// Its seq, so the client can fetch `history` up to it.
    pub seq: u64,
    /// The root of the thread it replies in, if any (only the thread's followers are
    /// notified of a reply).
    pub thread_root: Option<u64>,
    /// Who sent it.
    pub sender_id: UserId,
    /// Its kind.
    pub kind: MessageKind,
    /// At most 100 characters of a text body; `[image]` or `[file]` otherwise.
    pub preview: String,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

/// The gateway's queue is full: the notification was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueFull;

/// Hands notifications to a push service (a webhook, FCM, APNs, …).
pub trait PushGateway: Send + Sync {
    /// Queues one notification and returns at once: delivery (and its retries) happens
    /// elsewhere, never on the sending path.
    ///
    /// # Errors
    /// [`QueueFull`] if the queue has no room; the notification is then dropped and the
    /// caller counts it.
    fn notify(&self, notification: PushNotification) -> Result<(), QueueFull>;
}
