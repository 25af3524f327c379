//! What the use cases return.

use chrono::{DateTime, Utc};

use chat_domain::entities::{Conversation, Message, Participant, Session, User};
use chat_domain::ids::UserId;
use chat_domain::values::{SessionToken, UserAgent};

/// An authenticated caller: the user and the session they presented.
#[derive(Clone, Debug)]
pub struct Actor {
    /// Who.
    pub user: User,
    /// With which session.
    pub session: Session,
    /// Authenticated by a host's token (or by the host itself, in process): there is no
    /// stored session behind it, and it ends at the token's `exp`, not by a logout.
    pub host_token: bool,
}

impl Actor {
    /// The caller's id.
    pub fn id(&self) -> UserId {
        self.user.id
    }
}

/// A successful login.
#[derive(Clone, Debug)]
pub struct LoginOutcome {
    /// The bearer token, shown to the client once.
    pub token: SessionToken,
    /// Whose.
    pub user_id: UserId,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// The result of a send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The stored message.
    pub message: Message,
    /// `false` when this was a retry of a stored message (nothing new was delivered).
    pub created: bool,
}

/// A conversation in the caller's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConversationSummary {
    /// The conversation.
    pub conversation: Conversation,
    /// The caller's row (role, read cursor).
    pub me: Participant,
    /// Seq of its newest message (0 if none).
    pub last_seq: u64,
    /// Messages after the caller's read cursor.
    pub unread: u64,
    /// Of those, the ones that mention the caller.
    pub unread_mentions: u64,
    /// Its newest message.
    pub last_message: Option<Message>,
    /// The highest version of a change to one of its messages (0 for none).
    pub last_version: u64,
}

/// A conversation with its members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConversationDetail {
    /// The conversation.
    pub conversation: Conversation,
    /// Seq of its newest message (0 if none).
    pub last_seq: u64,
    /// The highest version of a change to one of its messages (0 for none).
    pub last_version: u64,
    /// The caller's read cursor.
    pub read_seq: u64,
    /// Every member with role and read cursor, in join order.
    pub members: Vec<Participant>,
}

/// One of a user's sessions, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionView {
    /// A stable name for the session (never its token, nor the token's stored hash).
    pub id: String,
    /// When it began.
    pub created_at: DateTime<Utc>,
    /// When it was last used, to the minute.
    pub last_used_at: DateTime<Utc>,
    /// The client it was opened from, as it named itself.
    pub user_agent: Option<UserAgent>,
    /// Whether it is the session of the call that asked.
    pub current: bool,
}

/// Server-wide counts for admins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Accounts.
    pub users: u64,
    /// Conversations.
    pub conversations: u64,
    /// Messages.
    pub messages: u64,
    /// Live connections.
    pub live_connections: u64,
    /// Accounts created in each of the last 24 UTC hours (this one last, zeros
    /// included): the start of the hour and the count.
    pub signups_per_hour: Vec<(DateTime<Utc>, u64)>,
}
