use chrono::{DateTime, Utc};

use crate::ids::{ConversationId, UserId};
use crate::values::Title;
use crate::DomainError;

/// Direct or group, without the details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConversationKind {
    /// Exactly two users, unique per pair.
    Direct,
    /// Any number of members with roles.
    Group,
}

/// The two users of a direct conversation, in a stable order (smaller id first), so the
/// pair (a, b) and the pair (b, a) are the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DirectPair {
    low: UserId,
    high: UserId,
}

impl DirectPair {
    /// Builds the pair.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if both ids are the same user.
    pub fn new(a: UserId, b: UserId) -> Result<Self, DomainError> {
        if a == b {
            return Err(DomainError::invalid(
                "peer_id",
                "a direct conversation needs two different users",
            ));
        }
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        Ok(Self { low, high })
    }

    /// The smaller id.
    pub fn low(&self) -> UserId {
        self.low
    }

    /// The larger id.
    pub fn high(&self) -> UserId {
        self.high
    }

    /// Whether `user` is one of the two.
    pub fn contains(&self, user: UserId) -> bool {
        self.low == user || self.high == user
    }
}

/// Direct (with its pair) or group (with its title).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConversationType {
    /// A direct conversation between two users.
    Direct {
        /// The two users.
        pair: DirectPair,
    },
    /// A group.
    Group {
        /// Its title.
        title: Title,
    },
}

/// A conversation. Its last seq is not stored here: the message log owns it (see
/// `MessageRepository::last_seq`), so messages may live in another backend than
/// conversations (hybrid storage) without two counters to keep in step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    /// Stable id.
    pub id: ConversationId,
    /// Direct or group, with the details of each.
    pub ty: ConversationType,
    /// Who made it.
    pub created_by: UserId,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

impl Conversation {
    /// Direct or group.
    pub fn kind(&self) -> ConversationKind {
        match self.ty {
            ConversationType::Direct { .. } => ConversationKind::Direct,
            ConversationType::Group { .. } => ConversationKind::Group,
        }
    }

    /// The title of a group; `None` for a direct conversation.
    pub fn title(&self) -> Option<&Title> {
        match &self.ty {
            ConversationType::Group { title } => Some(title),
            ConversationType::Direct { .. } => None,
        }
    }

    /// The pair of a direct conversation; `None` for a group.
    pub fn direct_pair(&self) -> Option<DirectPair> {
        match self.ty {
            ConversationType::Direct { pair } => Some(pair),
            ConversationType::Group { .. } => None,
        }
    }
}
