//! The JSON shapes of protocol v1, written once and shared by HTTP and WebSocket.

use chrono::{DateTime, Utc};
use serde::Serialize;

use chat_app::{ConversationDetail, ConversationSummary, Stats};
use chat_domain::entities::{
    ChangeKind, Conversation, Message, Participant, ParticipantRole, Presence, PresenceStatus,
    ReplyPreview, User, UserRole,
};
use chat_domain::events::DomainEvent;
use chat_domain::ids::{ConversationId, UserId};

/// USER.
#[derive(Serialize)]
pub struct UserDto<'a> {
    pub id: UserId,
    pub username: &'a str,
    pub display_name: &'a str,
    pub created_at: DateTime<Utc>,
}

impl<'a> From<&'a User> for UserDto<'a> {
    fn from(u: &'a User) -> Self {
        Self {
            id: u.id,
            username: u.username.as_str(),
            display_name: u.display_name.as_str(),
            created_at: u.created_at,
        }
    }
}

/// USER with the fields only its owner and admins see.
#[derive(Serialize)]
pub struct FullUserDto<'a> {
    #[serde(flatten)]
    pub user: UserDto<'a>,
    pub role: UserRole,
    pub banned: bool,
}

impl<'a> From<&'a User> for FullUserDto<'a> {
    fn from(u: &'a User) -> Self {
        Self {
            user: u.into(),
            role: u.role,
            banned: u.banned,
        }
    }
}

/// MESSAGE.
#[derive(Serialize)]
pub struct MessageDto<'a> {
    pub id: chat_domain::ids::MessageId,
    pub conversation_id: ConversationId,
    pub seq: u64,
    pub sender_id: UserId,
    pub kind: &'static str,
    /// `null` once recalled.
    pub body: Option<&'a str>,
    pub client_msg_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<&'a ReplyPreview>,
    #[serde(skip_serializing_if = "<[UserId]>::is_empty")]
    pub mentions: &'a [UserId],
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<ReactionDto<'a>>,
    #[serde(skip_serializing_if = "is_zero")]
    pub version: u64,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// One emoji on a MESSAGE: a client knows it reacted when its id is in `user_ids`.
#[derive(Serialize)]
pub struct ReactionDto<'a> {
    pub emoji: &'a str,
    pub count: usize,
    pub user_ids: &'a [UserId],
}

impl<'a> MessageDto<'a> {
    /// With the preview of the message it answers.
    pub fn with_reply(m: &'a Message, previews: &'a [ReplyPreview]) -> Self {
        let mut dto = Self::from(m);
        dto.reply = m
            .reply_to
            .and_then(|seq| previews.iter().find(|p| p.seq == seq));
        dto
    }

    /// A page, each message with its reply preview.
    pub fn page(page: &'a [Message], previews: &'a [ReplyPreview]) -> Vec<Self> {
        page.iter().map(|m| Self::with_reply(m, previews)).collect()
    }
}

impl<'a> From<&'a Message> for MessageDto<'a> {
    fn from(m: &'a Message) -> Self {
        Self {
            id: m.id,
            conversation_id: m.conversation_id,
            seq: m.seq.get(),
            sender_id: m.sender_id,
            kind: m.kind.as_str(),
            body: (!m.deleted).then(|| m.body.as_str()),
            client_msg_id: m.client_msg_id.as_ref().map(|c| c.as_str()),
            reply_to: m.reply_to.map(|s| s.get()),
            reply: None,
            mentions: &m.mentions,
            created_at: m.created_at,
            edited_at: m.edited_at,
            deleted: m.deleted,
            reactions: m
                .reactions
                .iter()
                .map(|r| ReactionDto {
                    emoji: r.emoji.as_str(),
                    count: r.users.len(),
                    user_ids: &r.users,
                })
                .collect(),
            version: m.version,
        }
    }
}

/// The fields every CONVERSATION carries.
#[derive(Serialize)]
pub struct ConversationDto<'a> {
    pub id: ConversationId,
    pub kind: chat_domain::entities::ConversationKind,
    pub title: Option<&'a str>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub last_seq: u64,
}

impl<'a> ConversationDto<'a> {
    fn new(c: &'a Conversation, last_seq: u64) -> Self {
        Self {
            id: c.id,
            kind: c.kind(),
            title: c.title().map(|t| t.as_str()),
            created_by: c.created_by,
            created_at: c.created_at,
            last_seq,
        }
    }
}

/// CONVERSATION as listed: with the caller's unread count, the other user of a direct
/// conversation, and the last message.
#[derive(Serialize)]
pub struct SummaryDto<'a> {
    #[serde(flatten)]
    pub conversation: ConversationDto<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_id: Option<UserId>,
    pub unread: u64,
    pub unread_mentions: u64,
    pub last_read_seq: u64,
    pub role: ParticipantRole,
    pub last_message: Option<MessageDto<'a>>,
}

impl<'a> From<&'a ConversationSummary> for SummaryDto<'a> {
    fn from(s: &'a ConversationSummary) -> Self {
        let me = s.me.user_id;
        Self {
            conversation: ConversationDto::new(&s.conversation, s.last_seq),
            peer_id: s.conversation.direct_pair().map(|p| {
                if p.low() == me {
                    p.high()
                } else {
                    p.low()
                }
            }),
            unread: s.unread,
            unread_mentions: s.unread_mentions,
            last_read_seq: s.me.last_read_seq,
            role: s.me.role,
            last_message: s.last_message.as_ref().map(Into::into),
        }
    }
}

/// One member of a CONVERSATION.
#[derive(Serialize)]
pub struct MemberDto {
    pub user_id: UserId,
    pub role: ParticipantRole,
    pub joined_at: DateTime<Utc>,
    pub last_read_seq: u64,
    pub delivered_seq: u64,
}

impl From<&Participant> for MemberDto {
    fn from(p: &Participant) -> Self {
        Self {
            user_id: p.user_id,
            role: p.role,
            joined_at: p.joined_at,
            last_read_seq: p.last_read_seq,
            delivered_seq: p.delivered_up_to(),
        }
    }
}

/// CONVERSATION with its members.
#[derive(Serialize)]
pub struct DetailDto<'a> {
    #[serde(flatten)]
    pub conversation: ConversationDto<'a>,
    pub members: Vec<MemberDto>,
}

impl<'a> From<&'a ConversationDetail> for DetailDto<'a> {
    fn from(d: &'a ConversationDetail) -> Self {
        Self {
            conversation: ConversationDto::new(&d.conversation, d.last_seq),
            members: d.members.iter().map(Into::into).collect(),
        }
    }
}

/// One user's presence.
#[derive(Serialize)]
pub struct PresenceDto {
    pub user_id: UserId,
    pub status: PresenceStatus,
    pub last_seen: Option<DateTime<Utc>>,
}

impl From<&Presence> for PresenceDto {
    fn from(p: &Presence) -> Self {
        Self {
            user_id: p.user_id,
            status: p.status,
            last_seen: p.last_seen,
        }
    }
}

/// Admin stats.
#[derive(Serialize)]
pub struct StatsDto {
    pub users: u64,
    pub conversations: u64,
    pub messages: u64,
    pub live_connections: u64,
}

impl From<Stats> for StatsDto {
    fn from(s: Stats) -> Self {
        Self {
            users: s.users,
            conversations: s.conversations,
            messages: s.messages,
            live_connections: s.live_connections,
        }
    }
}

/// A server event frame, or `None` for events that are not sent to clients as such.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventFrame<'a> {
    Message {
        message: MessageDto<'a>,
    },
    MessageUpdated {
        message: MessageDto<'a>,
        change: ChangeKind,
    },
    Delivered {
        conversation_id: ConversationId,
        user_id: UserId,
        seq: u64,
    },
    Receipt {
        conversation_id: ConversationId,
        user_id: UserId,
        seq: u64,
    },
    Typing {
        conversation_id: ConversationId,
        user_id: UserId,
    },
    Presence {
        user_id: UserId,
        status: PresenceStatus,
        #[serde(skip_serializing_if = "Option::is_none")]
        last_seen: Option<DateTime<Utc>>,
    },
    MemberAdded {
        conversation_id: ConversationId,
        user_id: UserId,
        by: UserId,
    },
    MemberRemoved {
        conversation_id: ConversationId,
        user_id: UserId,
        by: UserId,
    },
}

impl<'a> EventFrame<'a> {
    pub fn from_event(e: &'a DomainEvent) -> Option<Self> {
        Some(match e {
            DomainEvent::MessageSent { message, reply } => EventFrame::Message {
                message: MessageDto {
                    reply: reply.as_ref(),
                    ..message.into()
                },
            },
            DomainEvent::MessageChanged { message, change } => EventFrame::MessageUpdated {
                message: message.into(),
                change: *change,
            },
            DomainEvent::Delivered {
                conversation_id,
                user_id,
                seq,
            } => EventFrame::Delivered {
                conversation_id: *conversation_id,
                user_id: *user_id,
                seq: *seq,
            },
            DomainEvent::MessagesRead {
                conversation_id,
                user_id,
                seq,
            } => EventFrame::Receipt {
                conversation_id: *conversation_id,
                user_id: *user_id,
                seq: *seq,
            },
            DomainEvent::Typing {
                conversation_id,
                user_id,
            } => EventFrame::Typing {
                conversation_id: *conversation_id,
                user_id: *user_id,
            },
            DomainEvent::PresenceChanged {
                user_id,
                status,
                last_seen,
            } => EventFrame::Presence {
                user_id: *user_id,
                status: *status,
                last_seen: *last_seen,
            },
            DomainEvent::MemberAdded {
                conversation_id,
                user_id,
                by,
            } => EventFrame::MemberAdded {
                conversation_id: *conversation_id,
                user_id: *user_id,
                by: *by,
            },
            DomainEvent::MemberRemoved {
                conversation_id,
                user_id,
                by,
            } => EventFrame::MemberRemoved {
                conversation_id: *conversation_id,
                user_id: *user_id,
                by: *by,
            },
            DomainEvent::SessionsRevoked { .. } => return None,
        })
    }
}

/// Serialises a wire value. Our DTOs hold only strings, numbers, ids and times, which
/// always serialise, so a failure here is a bug; it is logged and answered as an error
/// object rather than a panic.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| {
        tracing::error!(error = %e, "failed to serialise a wire value");
        r#"{"type":"error","code":"internal","message":"serialisation failed"}"#.to_owned()
    })
}
