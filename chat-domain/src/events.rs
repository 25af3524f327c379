//! Domain events, and the envelope that carries one to its audience.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

use crate::entities::{Message, PresenceStatus};
use crate::ids::{ConnectionId, ConversationId, UserId};
use crate::values::TokenHash;

/// Something that happened, which live connections may need to hear about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum DomainEvent {
    /// A message was stored.
    MessageSent {
        /// The stored message.
        message: Message,
    },
    /// A member's read cursor moved forward.
    MessagesRead {
        /// Where.
        conversation_id: ConversationId,
        /// Who read.
        user_id: UserId,
        /// Their new cursor.
        seq: u64,
    },
    /// Someone joined a group.
    MemberAdded {
        /// Which group.
        conversation_id: ConversationId,
        /// The new member.
        user_id: UserId,
        /// Who added them.
        by: UserId,
    },
    /// Someone left or was removed from a group.
    MemberRemoved {
        /// Which group.
        conversation_id: ConversationId,
        /// The former member.
        user_id: UserId,
        /// Who removed them (themselves when leaving).
        by: UserId,
    },
    /// A user came online or went offline.
    PresenceChanged {
        /// Whose presence.
        user_id: UserId,
        /// The new status.
        status: PresenceStatus,
        /// Set when going offline.
        last_seen: Option<DateTime<Utc>>,
    },
    /// A member is typing.
    Typing {
        /// Where.
        conversation_id: ConversationId,
        /// Who.
        user_id: UserId,
    },
    /// Sessions ended (logout, or all of a user's sessions on a ban): live connections
    /// opened with them must close.
    SessionsRevoked {
        /// Whose sessions.
        user_id: UserId,
        /// The one session that ended; `None` means every session of the user.
        token_hash: Option<TokenHash>,
    },
}

/// An event on its way to the live connections of its audience.
///
/// Shared by `Arc` between every recipient; the edge encodes it once into
/// [`Envelope::encoded`] and every connection writes the same bytes.
#[derive(Debug)]
pub struct Envelope {
    /// What happened.
    pub event: DomainEvent,
    /// The users whose connections receive it.
    pub audience: Vec<UserId>,
    /// A connection that must not receive it (the sender's own, which gets an ack).
    pub skip_connection: Option<ConnectionId>,
    encoded: OnceLock<Arc<[u8]>>,
}

impl Envelope {
    /// An envelope for `event`, to every connection of `audience`.
    pub fn new(event: DomainEvent, audience: Vec<UserId>) -> Self {
        Self {
            event,
            audience,
            skip_connection: None,
            encoded: OnceLock::new(),
        }
    }

    /// The same envelope, not delivered to `connection`.
    pub fn skipping(mut self, connection: Option<ConnectionId>) -> Self {
        self.skip_connection = connection;
        self
    }

    /// The event's wire encoding, computed by `encode` on first use and shared after.
    pub fn encoded(&self, encode: impl FnOnce(&DomainEvent) -> Vec<u8>) -> Arc<[u8]> {
        self.encoded
            .get_or_init(|| Arc::from(encode(&self.event)))
            .clone()
    }
}
