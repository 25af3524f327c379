use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::Message;

/// CONVERSATION: the fields every conversation carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Conversation {
    /// Stable id.
    pub id: Uuid,
    /// Direct or group.
    pub kind: ConversationKind,
    /// A group's title; `null` for a direct conversation.
    #[schema(required = true)]
    pub title: Option<String>,
    /// Who made it.
    pub created_by: Uuid,
    /// When.
    pub created_at: DateTime<Utc>,
    /// The seq of its newest message (0 if none).
    pub last_seq: u64,
    /// The highest version of a change to one of its messages (0 if none): a client that
    /// has seen every change up to it reads `changes` after its own last version.
    #[serde(default)]
    pub last_version: u64,
    /// The caller's read cursor.
    #[serde(default)]
    pub read_seq: u64,
}

/// Direct (two users, one per pair) or group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConversationKind {
    /// Exactly two users.
    Direct,
    /// Members with roles.
    Group,
}

/// CONVERSATION as listed: with what the caller needs to show it in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConversationSummary {
    /// The conversation.
    #[serde(flatten)]
    pub conversation: Conversation,
    /// The other user of a direct conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_id: Option<Uuid>,
    /// Messages after the caller's read cursor.
    pub unread: u64,
    /// Of those, the ones that mention the caller.
    pub unread_mentions: u64,
    /// The caller's read cursor.
    pub last_read_seq: u64,
    /// The caller's role.
    pub role: MemberRole,
    /// The caller gets no push notifications for it.
    #[serde(default)]
    pub muted: bool,
    /// Its newest message.
    #[schema(required = true)]
    pub last_message: Option<Message>,
}

/// CONVERSATION with its members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConversationDetail {
    /// The conversation.
    #[serde(flatten)]
    pub conversation: Conversation,
    /// Every member, in join order.
    pub members: Vec<Member>,
}

/// One member of a conversation. A message is delivered to a member when
/// `seq <= delivered_seq`, read when `seq <= last_read_seq`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Member {
    /// Who.
    pub user_id: Uuid,
    /// Their role.
    pub role: MemberRole,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
    /// Their read cursor.
    pub last_read_seq: u64,
    /// Their delivery cursor.
    pub delivered_seq: u64,
}

/// A member's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum MemberRole {
    /// Made it, or took over; manages members and admins.
    Owner,
    /// Manages members.
    Admin,
    /// Chats.
    Member,
}

/// CONVERSATION in a sync answer: as listed, with its members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncedConversation {
    /// As listed.
    #[serde(flatten)]
    pub summary: ConversationSummary,
    /// Every member, in join order.
    pub members: Vec<Member>,
}
