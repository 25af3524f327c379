use chrono::{DateTime, Utc};

use crate::ids::{ConversationId, UserId};

/// A member's standing in a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParticipantRole {
    /// Made the group (or inherited it); may add and remove anyone.
    Owner,
    /// May add and remove members.
    Admin,
    /// May read, send and leave.
    Member,
}

impl ParticipantRole {
    /// Whether this role may add or remove other members of a group.
    pub fn manages_members(self) -> bool {
        matches!(self, ParticipantRole::Owner | ParticipantRole::Admin)
    }
}

/// A user's membership of one conversation, with their read cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// The conversation.
    pub conversation_id: ConversationId,
    /// The member.
    pub user_id: UserId,
    /// Owner, admin or member.
    pub role: ParticipantRole,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
    /// The highest seq they have read; 0 when nothing is read.
    pub last_read_seq: u64,
    /// No push notifications for this conversation.
    pub muted: bool,
    /// The highest seq their devices reported received; reading implies receiving, so
    /// see [`Participant::delivered_up_to`].
    pub delivered_seq: u64,
    /// Whether they have sent a message here since they joined: presence is shared only
    /// between members who both have (see `ConversationRepository::contacts`).
    pub has_sent: bool,
}

impl Participant {
    /// A new member who has read nothing yet.
    pub fn join(
        conversation_id: ConversationId,
        user_id: UserId,
        role: ParticipantRole,
        joined_at: DateTime<Utc>,
    ) -> Self {
        Self {
            conversation_id,
            user_id,
            role,
            joined_at,
            last_read_seq: 0,
            muted: false,
            delivered_seq: 0,
            has_sent: false,
        }
    }

    /// The highest seq known to have reached one of their devices.
    pub fn delivered_up_to(&self) -> u64 {
        self.delivered_seq.max(self.last_read_seq)
    }
}
