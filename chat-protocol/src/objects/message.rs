use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// MESSAGE.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Message {
    /// Stable id.
    pub id: Uuid,
    /// Its conversation.
    pub conversation_id: Uuid,
    /// 1, 2, 3, … per conversation, no gaps, in the order stored.
    pub seq: u64,
    /// Who sent it.
    pub sender_id: Uuid,
    /// What it carries.
    pub kind: MessageKind,
    /// The text, or for `image` and `file` an `Attachment` as JSON; `null` once
    /// recalled.
    #[schema(required = true)]
    pub body: Option<String>,
    /// The sender's own id for it (`null` for system messages).
    #[schema(required = true)]
    pub client_msg_id: Option<String>,
    /// The seq it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<u64>,
    /// The answered message as it is now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<ReplyPreview>,
    /// The members it mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Uuid>,
    /// When the server accepted it.
    pub created_at: DateTime<Utc>,
    /// When its body was last edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<DateTime<Utc>>,
    /// Recalled by its sender or removed by a moderator (`removed_by`): a tombstone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// In the order each emoji was first used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<Reaction>,
    /// The conversation's change counter at the message's last change (absent: never
    /// changed).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub version: u64,
    /// The seq of the thread's root when it is a reply in a thread; `null` for a
    /// top-level message.
    #[serde(default)]
    #[schema(required = true)]
    pub thread_root: Option<u64>,
    /// Its replies, when it is a thread's root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<ThreadSummary>,
    /// Where the message it forwards came from (never the source conversation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarded: Option<Forwarded>,
    /// When it was pinned, while it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_at: Option<DateTime<Utc>>,
    /// Who pinned it, while it is pinned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_by: Option<Uuid>,
    /// Who removed it, when a moderator (not its sender) made it a tombstone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_by: Option<Uuid>,
    /// When a moderator removed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_at: Option<DateTime<Utc>>,
}

/// A thread root's replies, kept current. `replies` counts every reply posted,
/// recalled ones included (a tombstone keeps its seq).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ThreadSummary {
    /// How many replies were posted.
    pub replies: u64,
    /// The newest reply's seq.
    pub last_seq: u64,
    /// When the newest reply was posted.
    pub last_reply_at: DateTime<Utc>,
    /// The newest 5 repliers, newest first.
    pub participants: Vec<Uuid>,
}

/// Where a forwarded message came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Forwarded {
    /// Who sent the original.
    pub sender_id: Uuid,
    /// When the original was sent.
    pub created_at: DateTime<Utc>,
}

/// Names a message to forward: one the sender can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ForwardRequest {
    /// Its conversation.
    pub conversation_id: Uuid,
    /// Its seq.
    pub seq: u64,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// What a message carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum MessageKind {
    /// Text.
    Text,
    /// An image (the body is an [`Attachment`]).
    Image,
    /// A file (the body is an [`Attachment`]).
    File,
    /// Written by the server.
    System,
}

/// The message a reply answers, as it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReplyPreview {
    /// Its seq.
    pub seq: u64,
    /// Its sender.
    pub sender_id: Uuid,
    /// Its kind.
    pub kind: MessageKind,
    /// Its first 100 characters, `[image]` or `[file]`; empty once recalled.
    pub preview: String,
    /// Recalled.
    pub deleted: bool,
}

/// One emoji on a message: a client knows it reacted when its id is in `user_ids`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Reaction {
    /// The emoji.
    pub emoji: String,
    /// How many reacted with it.
    pub count: usize,
    /// Who, in the order they did.
    pub user_ids: Vec<Uuid>,
}

/// What changed in a `message_updated` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// A new body.
    Edit,
    /// Recalled.
    Recall,
    /// A reaction added or taken back.
    Reaction,
    /// A reply in the thread it is the root of: its `thread` summary changed.
    Thread,
    /// Pinned (announced as a `pinned` event).
    Pin,
    /// Unpinned (announced as an `unpinned` event).
    Unpin,
}

/// The body a client sends for an `image` or `file` message, as a JSON string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRequest {
    /// An uploaded file the sender may read.
    pub file_id: Uuid,
    /// The name to show (the upload's name by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The stored body of an `image` or `file` message, as a JSON string: enough to lay the
/// file out before downloading it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Attachment {
    /// The file (`GET /api/v1/files/{file_id}`).
    pub file_id: Uuid,
    /// Its name.
    #[schema(required = true)]
    pub name: Option<String>,
    /// The type found in its bytes.
    pub content_type: String,
    /// Its length in bytes.
    pub size: u64,
    /// Pixel width, for images.
    #[schema(required = true)]
    pub width: Option<u32>,
    /// Pixel height, for images.
    #[schema(required = true)]
    pub height: Option<u32>,
}
