use async_trait::async_trait;
use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::entities::{ChangeKind, Conversation, Message, Participant};
use crate::ids::{ConversationId, EventId, UserId};

/// An event as it goes out: read back from the store when it is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveredEvent {
    /// The same on every attempt: receivers drop repeats by it.
    pub id: EventId,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What.
    pub payload: EventPayload,
}

/// What an event says, with the message or conversation as it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventPayload {
    /// `message.created`.
    MessageCreated {
        /// The message.
        message: Message,
    },
    /// `message.updated`.
    MessageUpdated {
        /// The message after the change.
        message: Message,
        /// What changed.
        change: ChangeKind,
    },
    /// `member.added`.
    MemberAdded {
        /// Which group.
        conversation_id: ConversationId,
        /// The new member.
        user_id: UserId,
        /// Who added them.
        by: UserId,
    },
    /// `member.removed`.
    MemberRemoved {
        /// Which group.
        conversation_id: ConversationId,
        /// The former member.
        user_id: UserId,
        /// Who removed them.
        by: UserId,
    },
    /// `conversation.created`.
    ConversationCreated {
        /// The conversation.
        conversation: Conversation,
        /// Its members as they are now.
        members: Vec<Participant>,
        /// Who made it.
        by: UserId,
    },
}

/// The receiver did not take an event: no answer in time, or an error status. The text
/// says which.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the event was not delivered: {0}")]
pub struct DeliveryFailed(pub String);

/// Hands events to the host's systems (a signed POST to `CHAT_EVENTS_WEBHOOK_URL`).
#[async_trait]
pub trait EventDelivery: Send + Sync {
    /// One attempt at delivering `event`.
    ///
    /// # Errors
    /// [`DeliveryFailed`] unless the receiver took it; the caller retries.
    async fn deliver(&self, event: &DeliveredEvent) -> Result<(), DeliveryFailed>;
}
