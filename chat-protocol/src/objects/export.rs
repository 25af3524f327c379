use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{ConversationKind, FileInfo, FullUser, MemberRole, Message};

/// `GET /api/v1/me/export`: everything of the caller's, as one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExportDocument {
    /// `chat-export/1`.
    pub format: String,
    /// When the export began.
    pub exported_at: DateTime<Utc>,
    /// The caller's account.
    pub profile: FullUser,
    /// Each conversation the caller is in.
    pub conversations: Vec<ExportedConversation>,
}

/// A conversation in an export: the caller's standing there and what they wrote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExportedConversation {
    /// The conversation.
    pub id: Uuid,
    /// Direct or group.
    pub kind: ConversationKind,
    /// A group's title; null for a direct conversation.
    #[schema(required = true)]
    pub title: Option<String>,
    /// Who created it.
    pub created_by: Uuid,
    /// When.
    pub created_at: DateTime<Utc>,
    /// The caller's role.
    pub role: MemberRole,
    /// When the caller joined.
    pub joined_at: DateTime<Utc>,
    /// The caller's read cursor.
    pub last_read_seq: u64,
    /// Whether the caller muted it.
    pub muted: bool,
    /// The messages the caller sent there, by seq (tombstones keep no text).
    pub messages: Vec<Message>,
    /// The caller's reactions there.
    pub reactions: Vec<ExportedReaction>,
    /// The caller's uploads that their messages there attach (those still stored).
    pub files: Vec<FileInfo>,
}

/// One reaction of the caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExportedReaction {
    /// The message's seq.
    pub seq: u64,
    /// The emoji.
    pub emoji: String,
}
