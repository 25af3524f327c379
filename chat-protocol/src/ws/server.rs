//! What the server sends on a socket: replies to client frames (carrying their `req`),
//! and events.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ErrorCode;
use crate::objects::{ChangeKind, Message, PresenceStatus, SyncedConversation};

/// A server frame, one variant per `type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    /// The first frame of every socket.
    Ready {
        /// Who the socket belongs to.
        user_id: Uuid,
        /// This connection.
        connection_id: Uuid,
    },
    /// A send is durably stored.
    Ack {
        /// The send's `req`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
        /// The stored message.
        message: Message,
    },
    /// A `read` or `received` is done.
    Ok {
        /// The frame's `req`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
    },
    /// A page of history.
    History {
        /// The frame's `req`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
        /// Where.
        conversation_id: Uuid,
        /// Ascending by seq.
        messages: Vec<Message>,
    },
    /// An edit, recall or reaction is stored: the message as it is now.
    Updated {
        /// The frame's `req`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
        /// The message.
        message: Message,
    },
    /// Messages changed after a version.
    Changes {
        /// The frame's `req`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
        /// Where.
        conversation_id: Uuid,
        /// Ascending by version.
        messages: Vec<Message>,
    },
    /// The answer to `sync`: the fields of `GET /api/v1/sync`'s answer.
    Sync {
        /// The frame's `req`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
        /// Opaque: the `since` of the next call.
        cursor: String,
        /// More changed than `limit`: call again with `cursor` at once.
        more: bool,
        /// Each changed conversation once, as it is now.
        conversations: Vec<SyncedConversation>,
        /// Conversations left since the cursor.
        left: Vec<Uuid>,
    },
    /// The answer to `ping`.
    Pong {
        /// The frame's `req`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
    },
    /// A frame failed; the socket stays open.
    Error {
        /// The frame's `req`, when it had one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        req: Option<String>,
        /// Why.
        code: ErrorCode,
        /// For people.
        message: String,
        /// For `rate_limited`: seconds until a retry can succeed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
    /// A message was stored in a conversation of the user.
    Message {
        /// The message.
        message: Message,
    },
    /// A message was edited, recalled or reacted to.
    MessageUpdated {
        /// As it is now.
        message: Message,
        /// What changed.
        change: ChangeKind,
    },
    /// A member's devices received messages up to `seq` (sent to their senders).
    Delivered {
        /// Where.
        conversation_id: Uuid,
        /// Whose devices.
        user_id: Uuid,
        /// Their delivery cursor.
        seq: u64,
    },
    /// A member's read cursor moved.
    Receipt {
        /// Where.
        conversation_id: Uuid,
        /// Who read.
        user_id: Uuid,
        /// Their read cursor.
        seq: u64,
    },
    /// A member is typing.
    Typing {
        /// Where.
        conversation_id: Uuid,
        /// Who.
        user_id: Uuid,
    },
    /// A user who shares a conversation came online or went offline.
    Presence {
        /// Whose presence.
        user_id: Uuid,
        /// Now.
        status: PresenceStatus,
        /// Set when going offline.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_seen: Option<DateTime<Utc>>,
    },
    /// Events meant for this connection may have been lost (its server was cut off from
    /// the other nodes for a moment): catch up with `sync`, as after a reconnect.
    Resync,
    /// This user's read cursor in a thread moved (on this device or another).
    ThreadRead {
        /// Where.
        conversation_id: Uuid,
        /// The thread's root.
        root_seq: u64,
        /// The cursor now.
        read_seq: u64,
    },
    /// A message was pinned.
    Pinned {
        /// Where.
        conversation_id: Uuid,
        /// Which message.
        seq: u64,
        /// Who pinned it.
        by: Uuid,
    },
    /// A message was unpinned.
    Unpinned {
        /// Where.
        conversation_id: Uuid,
        /// Which message.
        seq: u64,
        /// Who unpinned it.
        by: Uuid,
    },
    /// Someone joined a group.
    MemberAdded {
        /// Which group.
        conversation_id: Uuid,
        /// Who joined.
        user_id: Uuid,
        /// Who added them.
        by: Uuid,
    },
    /// Someone left or was removed from a group.
    MemberRemoved {
        /// Which group.
        conversation_id: Uuid,
        /// Who left.
        user_id: Uuid,
        /// Who removed them (themselves when leaving).
        by: Uuid,
    },
}

impl ServerFrame {
    /// The `req` of the client frame this answers, if it is a reply that carries one.
    pub fn req(&self) -> Option<&str> {
        match self {
            ServerFrame::Ack { req, .. }
            | ServerFrame::Ok { req }
            | ServerFrame::History { req, .. }
            | ServerFrame::Updated { req, .. }
            | ServerFrame::Changes { req, .. }
            | ServerFrame::Sync { req, .. }
            | ServerFrame::Pong { req }
            | ServerFrame::Error { req, .. } => req.as_deref(),
            _ => None,
        }
    }

    /// The frame as JSON text.
    pub fn encode(&self) -> String {
        crate::to_json(self)
    }

    /// Reads a frame a server sent.
    ///
    /// # Errors
    /// Why the text is not a server frame.
    pub fn decode(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}
