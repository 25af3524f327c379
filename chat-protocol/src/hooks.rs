//! What the server POSTs to the host's events receiver (`CHAT_EVENTS_WEBHOOK_URL`):
//! one event per call, signed (`X-Chat-Signature`), its id in `X-Chat-Delivery` too.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::objects::{ChangeKind, ConversationKind, Member, Message};

/// One event: `{"id", "type", "at", "sent_at", "data"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostEvent {
    /// The same on every attempt: drop repeats by it.
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// When this attempt was made (reject old ones, as with any signed call).
    pub sent_at: DateTime<Utc>,
    /// What happened: `type` and `data`.
    #[serde(flatten)]
    pub event: HostEventData,
}

/// What happened, by `type`, with its `data`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum HostEventData {
    /// A message was stored: as it is when the event goes out.
    #[serde(rename = "message.created")]
    MessageCreated {
        /// MESSAGE.
        message: Message,
    },
    /// A message changed: as it is when the event goes out, and how.
    #[serde(rename = "message.updated")]
    MessageUpdated {
        /// MESSAGE.
        message: Message,
        /// `edit`, `recall`, `reaction`, `thread`, `pin` or `unpin`.
        change: ChangeKind,
    },
    /// Someone joined a group.
    #[serde(rename = "member.added")]
    MemberAdded {
        /// The group.
        conversation_id: Uuid,
        /// The new member.
        user_id: Uuid,
        /// Who added them.
        by: Uuid,
    },
    /// Someone left, or was removed from, a group.
    #[serde(rename = "member.removed")]
    MemberRemoved {
        /// The group.
        conversation_id: Uuid,
        /// The former member.
        user_id: Uuid,
        /// Who removed them (themselves when leaving).
        by: Uuid,
    },
    /// A group or a direct conversation was made.
    #[serde(rename = "conversation.created")]
    ConversationCreated {
        /// The conversation.
        conversation: EventConversation,
        /// Its members when the event goes out.
        members: Vec<Member>,
        /// Who made it.
        by: Uuid,
    },
}

/// A conversation in an event: what every member sees of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventConversation {
    /// Stable id.
    pub id: Uuid,
    /// Direct or group.
    pub kind: ConversationKind,
    /// A group's title; `null` for a direct conversation.
    pub title: Option<String>,
    /// Who made it.
    pub created_by: Uuid,
    /// When.
    pub created_at: DateTime<Utc>,
}
