//! Domain events, and the envelope that carries one to its audience.

use chrono::{DateTime, Utc};
use std::any::Any;
use std::sync::OnceLock;

use crate::entities::{ChangeKind, Message, PresenceStatus, ReplyPreview};
use crate::ids::{ConnectionId, ConversationId, UserId};
use crate::values::TokenHash;

/// Something that happened, which live connections may need to hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainEvent {
    /// A message was stored.
    MessageSent {
        /// The stored message.
        message: Message,
        /// A preview of the message it answers, if it answers one.
        reply: Option<ReplyPreview>,
    },
    /// A stored message was edited, recalled or reacted to; it is given as it is now.
    MessageChanged {
        /// The message after the change.
        message: Message,
        /// What changed.
        change: ChangeKind,
    },
    /// A member's devices received messages up to `seq`.
    Delivered {
        /// Where.
        conversation_id: ConversationId,
        /// Whose devices.
        user_id: UserId,
        /// Their delivery cursor.
        seq: u64,
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
    /// A member's read cursor in a thread moved: heard by that member's own devices.
    ThreadRead {
        /// Where.
        conversation_id: ConversationId,
        /// The thread's root.
        root: u64,
        /// Who read.
        user_id: UserId,
        /// Their cursor in the thread now.
        seq: u64,
    },
    /// A message was pinned (`pinned: true`) or unpinned.
    PinChanged {
        /// Where.
        conversation_id: ConversationId,
        /// Which message.
        seq: u64,
        /// Pinned or unpinned.
        pinned: bool,
        /// Who did.
        by: UserId,
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
    /// Events for the audience may have been lost: this node was cut off from the other
    /// nodes for a moment and is back. Never crosses nodes; the edge tells each live
    /// connection to sync.
    Resync,
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
    encoded: OnceLock<Box<dyn Any + Send + Sync>>,
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

    /// The event's wire encoding, computed by `encode` on first use and shared after, so
    /// a fan-out to many connections serialises once. `T` is the edge's frame type (cheap
    /// to clone, such as a reference-counted buffer); asking for another type than the
    /// first caller did encodes afresh without caching.
    pub fn encoded<T>(&self, encode: impl FnOnce(&DomainEvent) -> T) -> T
    where
        T: Any + Clone + Send + Sync,
    {
        if let Some(cached) = self.encoded.get() {
            if let Some(t) = cached.downcast_ref::<T>() {
                return t.clone();
            }
            return encode(&self.event);
        }
        let fresh = encode(&self.event);
        let stored = self.encoded.get_or_init(|| Box::new(fresh.clone()));
        stored.downcast_ref::<T>().cloned().unwrap_or(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn encodes_once_for_every_recipient() {
        let env = Envelope::new(
            DomainEvent::Typing {
                conversation_id: ConversationId::new(),
                user_id: UserId::new(),
            },
            vec![],
        );
        let calls = AtomicUsize::new(0);
        let encode = |_: &DomainEvent| {
            calls.fetch_add(1, Ordering::Relaxed);
            Arc::<str>::from("frame")
        };
        let a = env.encoded(encode);
        let b = env.encoded(encode);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert_eq!(
            env.encoded(|_| 7u8),
            7,
            "another type is encoded, not mistaken"
        );
    }
}
