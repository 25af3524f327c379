use chrono::{DateTime, Utc};

use crate::entities::ChangeKind;
use crate::ids::{ConversationId, EventId, UserId};

/// Something a host's systems hear of through the events webhook, named by references:
/// the message or conversation is read as it is when the event goes out, so a queue
/// holds no copy of any body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntegrationEvent {
    /// A message was stored (`message.created`).
    MessageCreated {
        /// Where.
        conversation_id: ConversationId,
        /// Which.
        seq: u64,
    },
    /// A stored message changed (`message.updated`).
    MessageUpdated {
        /// Where.
        conversation_id: ConversationId,
        /// Which.
        seq: u64,
        /// How.
        change: ChangeKind,
    },
    /// Someone joined a group (`member.added`).
    MemberAdded {
        /// Which group.
        conversation_id: ConversationId,
        /// The new member.
        user_id: UserId,
        /// Who added them.
        by: UserId,
    },
    /// Someone left or was removed (`member.removed`).
    MemberRemoved {
        /// Which group.
        conversation_id: ConversationId,
        /// The former member.
        user_id: UserId,
        /// Who removed them (themselves when leaving).
        by: UserId,
    },
    /// A group, or a direct conversation, was made (`conversation.created`).
    ConversationCreated {
        /// Which.
        conversation_id: ConversationId,
        /// Who made it.
        by: UserId,
    },
}

impl IntegrationEvent {
    /// The conversation it happened in: events of one conversation go out in order.
    pub fn conversation_id(&self) -> ConversationId {
        match self {
            Self::MessageCreated {
                conversation_id, ..
            }
            | Self::MessageUpdated {
                conversation_id, ..
            }
            | Self::MemberAdded {
                conversation_id, ..
            }
            | Self::MemberRemoved {
                conversation_id, ..
            }
            | Self::ConversationCreated {
                conversation_id, ..
            } => *conversation_id,
        }
    }
}

/// An event as it is queued: its id and when it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxEvent {
    /// The same on every attempt.
    pub id: EventId,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What.
    pub event: IntegrationEvent,
}

/// An event waiting in a store's queue, at its position (increasing in queue order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedEvent {
    /// Its place in the queue.
    pub position: u64,
    /// The event.
    pub event: OutboxEvent,
}
