//! The form an event takes between nodes: one JSON document per publish, holding the
//! event, its audience and the connection it skips. These types are this adapter's own,
//! independent of the domain's, so nodes of different builds keep understanding each
//! other. A document may carry `v`, its version; without one it is version 1, the only
//! version this build writes (without `v`, exactly as the build before these types
//! published). A node that meets a newer version logs it and drops the event.

mod thread;

use thread::{ForwardedRecord, PinRecord, RemovalRecord, ThreadRecord};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::{
    ChangeKind, Message, MessageKind, PresenceStatus, Reaction, ReplyPreview,
};
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, Emoji, MessageBody, Seq, TokenHash};

/// The newest version this build reads.
const VERSION: u32 = 1;

fn one() -> u32 {
    1
}

fn is_one(v: &u32) -> bool {
    *v == 1
}

#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(default = "one", skip_serializing_if = "is_one")]
    v: u32,
    event: EventRecord,
    audience: Vec<Uuid>,
    skip: Option<Uuid>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum EventRecord {
    MessageSent {
        message: MessageRecord,
        reply: Option<ReplyRecord>,
    },
    MessageChanged {
        message: MessageRecord,
        change: ChangeRecord,
    },
    Delivered {
        conversation_id: Uuid,
        user_id: Uuid,
        seq: u64,
    },
    MessagesRead {
        conversation_id: Uuid,
        user_id: Uuid,
        seq: u64,
    },
    PinChanged {
        conversation_id: Uuid,
        seq: u64,
        pinned: bool,
        by: Uuid,
    },
    MemberAdded {
        conversation_id: Uuid,
        user_id: Uuid,
        by: Uuid,
    },
    MemberRemoved {
        conversation_id: Uuid,
        user_id: Uuid,
        by: Uuid,
    },
    PresenceChanged {
        user_id: Uuid,
        status: StatusRecord,
        last_seen: Option<DateTime<Utc>>,
    },
    Typing {
        conversation_id: Uuid,
        user_id: Uuid,
    },
    SessionsRevoked {
        user_id: Uuid,
        token_hash: Option<String>,
    },
    Resync,
    ThreadRead {
        conversation_id: Uuid,
        root: u64,
        user_id: Uuid,
        seq: u64,
    },
}

#[derive(Serialize, Deserialize)]
struct ReplyRecord {
    seq: u64,
    sender_id: Uuid,
    kind: KindRecord,
    preview: String,
    deleted: bool,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ChangeRecord {
    Edit,
    Recall,
    Reaction,
    Thread,
    Pin,
    Unpin,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum StatusRecord {
    Online,
    Offline,
}

/// A message inside an event.
#[derive(Serialize, Deserialize)]
struct MessageRecord {
    id: Uuid,
    conversation_id: Uuid,
    seq: u64,
    sender_id: Uuid,
    kind: KindRecord,
    body: String,
    client_msg_id: Option<String>,
    reply_to: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Uuid>,
    created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    edited_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reactions: Vec<ReactionRecord>,
    #[serde(default, skip_serializing_if = "is_zero")]
    version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thread_root: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    thread: Option<ThreadRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    forwarded: Option<ForwardedRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pinned: Option<PinRecord>,
    // An older node ignores it and shows a plain recall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    removed: Option<RemovalRecord>,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindRecord {
    Text,
    Image,
    File,
    System,
}

#[derive(Serialize, Deserialize)]
struct ReactionRecord {
    emoji: String,
    users: Vec<Uuid>,
}

impl From<&Message> for MessageRecord {
    fn from(m: &Message) -> Self {
        Self {
            id: *m.id.as_uuid(),
            conversation_id: *m.conversation_id.as_uuid(),
            seq: m.seq.get(),
            sender_id: *m.sender_id.as_uuid(),
            kind: match m.kind {
                MessageKind::Text => KindRecord::Text,
                MessageKind::Image => KindRecord::Image,
                MessageKind::File => KindRecord::File,
                MessageKind::System => KindRecord::System,
            },
            body: m.body.as_str().to_owned(),
            client_msg_id: m.client_msg_id.as_ref().map(|c| c.as_str().to_owned()),
            reply_to: m.reply_to.map(Seq::get),
            mentions: m.mentions.iter().map(|u| *u.as_uuid()).collect(),
            created_at: m.created_at,
            edited_at: m.edited_at,
            deleted: m.deleted,
            reactions: m
                .reactions
                .iter()
                .map(|r| ReactionRecord {
                    emoji: r.emoji.as_str().to_owned(),
                    users: r.users.iter().map(|u| *u.as_uuid()).collect(),
                })
                .collect(),
            version: m.version,
            thread_root: m.thread_root.map(Seq::get),
            thread: m.thread.as_ref().map(ThreadRecord::from),
            forwarded: m.forwarded.as_ref().map(ForwardedRecord::from),
            pinned: m.pinned.as_ref().map(PinRecord::from),
            removed: m.removed.as_ref().map(RemovalRecord::from),
        }
    }
}

impl TryFrom<MessageRecord> for Message {
    type Error = String;

    fn try_from(r: MessageRecord) -> Result<Self, String> {
        let seq = |n| Seq::new(n).map_err(|e| e.to_string());
        Ok(Message {
            id: MessageId::from_uuid(r.id),
            conversation_id: ConversationId::from_uuid(r.conversation_id),
            seq: seq(r.seq)?,
            sender_id: UserId::from_uuid(r.sender_id),
            kind: match r.kind {
                KindRecord::Text => MessageKind::Text,
                KindRecord::Image => MessageKind::Image,
                KindRecord::File => MessageKind::File,
                KindRecord::System => MessageKind::System,
            },
            // As stored: bodies were checked when sent, and a recalled one is empty.
            body: MessageBody::from_stored(r.body),
            client_msg_id: r
                .client_msg_id
                .map(|c| ClientMsgId::parse(&c).map_err(|e| e.to_string()))
                .transpose()?,
            reply_to: r.reply_to.map(seq).transpose()?,
            mentions: r.mentions.into_iter().map(UserId::from_uuid).collect(),
            created_at: r.created_at,
            edited_at: r.edited_at,
            deleted: r.deleted,
            reactions: r
                .reactions
                .into_iter()
                .map(|r| Reaction {
                    emoji: Emoji::from_stored(r.emoji),
                    users: r.users.into_iter().map(UserId::from_uuid).collect(),
                })
                .collect(),
            version: r.version,
            thread_root: r.thread_root.map(seq).transpose()?,
            thread: r.thread.map(TryInto::try_into).transpose()?,
            forwarded: r.forwarded.map(Into::into),
            pinned: r.pinned.map(Into::into),
            removed: r.removed.map(Into::into),
        })
    }
}

fn kind_record(k: MessageKind) -> KindRecord {
    match k {
        MessageKind::Text => KindRecord::Text,
        MessageKind::Image => KindRecord::Image,
        MessageKind::File => KindRecord::File,
        MessageKind::System => KindRecord::System,
    }
}

fn kind_of(k: KindRecord) -> MessageKind {
    match k {
        KindRecord::Text => MessageKind::Text,
        KindRecord::Image => MessageKind::Image,
        KindRecord::File => MessageKind::File,
        KindRecord::System => MessageKind::System,
    }
}

impl From<&ReplyPreview> for ReplyRecord {
    fn from(p: &ReplyPreview) -> Self {
        Self {
            seq: p.seq.get(),
            sender_id: *p.sender_id.as_uuid(),
            kind: kind_record(p.kind),
            preview: p.preview.clone(),
            deleted: p.deleted,
        }
    }
}

impl TryFrom<ReplyRecord> for ReplyPreview {
    type Error = String;
    fn try_from(r: ReplyRecord) -> Result<Self, String> {
        Ok(ReplyPreview {
            seq: Seq::new(r.seq).map_err(|e| e.to_string())?,
            sender_id: UserId::from_uuid(r.sender_id),
            kind: kind_of(r.kind),
            preview: r.preview,
            deleted: r.deleted,
        })
    }
}

impl From<&DomainEvent> for EventRecord {
    fn from(e: &DomainEvent) -> Self {
        let id = |c: &ConversationId| *c.as_uuid();
        let user = |u: &UserId| *u.as_uuid();
        match e {
            DomainEvent::MessageSent { message, reply } => EventRecord::MessageSent {
                message: message.into(),
                reply: reply.as_ref().map(Into::into),
            },
            DomainEvent::MessageChanged { message, change } => EventRecord::MessageChanged {
                message: message.into(),
                change: match change {
                    ChangeKind::Edit => ChangeRecord::Edit,
                    ChangeKind::Recall => ChangeRecord::Recall,
                    ChangeKind::Reaction => ChangeRecord::Reaction,
                    ChangeKind::Thread => ChangeRecord::Thread,
                    ChangeKind::Pin => ChangeRecord::Pin,
                    ChangeKind::Unpin => ChangeRecord::Unpin,
                },
            },
            DomainEvent::Delivered {
                conversation_id: c,
                user_id: u,
                seq,
            } => EventRecord::Delivered {
                conversation_id: id(c),
                user_id: user(u),
                seq: *seq,
            },
            DomainEvent::MessagesRead {
                conversation_id: c,
                user_id: u,
                seq,
            } => EventRecord::MessagesRead {
                conversation_id: id(c),
                user_id: user(u),
                seq: *seq,
            },
            DomainEvent::PinChanged {
                conversation_id: c,
                seq,
                pinned,
                by,
            } => EventRecord::PinChanged {
                conversation_id: id(c),
                seq: *seq,
                pinned: *pinned,
                by: user(by),
            },
            DomainEvent::MemberAdded {
                conversation_id: c,
                user_id: u,
                by,
            } => EventRecord::MemberAdded {
                conversation_id: id(c),
                user_id: user(u),
                by: user(by),
            },
            DomainEvent::MemberRemoved {
                conversation_id: c,
                user_id: u,
                by,
            } => EventRecord::MemberRemoved {
                conversation_id: id(c),
                user_id: user(u),
                by: user(by),
            },
            DomainEvent::PresenceChanged {
                user_id,
                status,
                last_seen,
            } => EventRecord::PresenceChanged {
                user_id: user(user_id),
                status: match status {
                    PresenceStatus::Online => StatusRecord::Online,
                    PresenceStatus::Offline => StatusRecord::Offline,
                },
                last_seen: *last_seen,
            },
            DomainEvent::Typing {
                conversation_id: c,
                user_id: u,
            } => EventRecord::Typing {
                conversation_id: id(c),
                user_id: user(u),
            },
            DomainEvent::SessionsRevoked {
                user_id,
                token_hash,
            } => EventRecord::SessionsRevoked {
                user_id: user(user_id),
                token_hash: token_hash.as_ref().map(|h| h.as_str().to_owned()),
            },
            DomainEvent::Resync => EventRecord::Resync,
            DomainEvent::ThreadRead {
                conversation_id: c,
                root,
                user_id: u,
                seq,
            } => EventRecord::ThreadRead {
                conversation_id: id(c),
                root: *root,
                user_id: user(u),
                seq: *seq,
            },
        }
    }
}

impl TryFrom<EventRecord> for DomainEvent {
    type Error = String;
    fn try_from(r: EventRecord) -> Result<Self, String> {
        let id = ConversationId::from_uuid;
        let user = UserId::from_uuid;
        Ok(match r {
            EventRecord::MessageSent { message, reply } => DomainEvent::MessageSent {
                message: message.try_into()?,
                reply: reply.map(TryInto::try_into).transpose()?,
            },
            EventRecord::MessageChanged { message, change } => DomainEvent::MessageChanged {
                message: message.try_into()?,
                change: match change {
                    ChangeRecord::Edit => ChangeKind::Edit,
                    ChangeRecord::Recall => ChangeKind::Recall,
                    ChangeRecord::Reaction => ChangeKind::Reaction,
                    ChangeRecord::Thread => ChangeKind::Thread,
                    ChangeRecord::Pin => ChangeKind::Pin,
                    ChangeRecord::Unpin => ChangeKind::Unpin,
                },
            },
            EventRecord::Delivered {
                conversation_id,
                user_id,
                seq,
            } => DomainEvent::Delivered {
                conversation_id: id(conversation_id),
                user_id: user(user_id),
                seq,
            },
            EventRecord::MessagesRead {
                conversation_id,
                user_id,
                seq,
            } => DomainEvent::MessagesRead {
                conversation_id: id(conversation_id),
                user_id: user(user_id),
                seq,
            },
            EventRecord::PinChanged {
                conversation_id,
                seq,
                pinned,
                by,
            } => DomainEvent::PinChanged {
                conversation_id: id(conversation_id),
                seq,
                pinned,
                by: user(by),
            },
            EventRecord::MemberAdded {
                conversation_id,
                user_id,
                by,
            } => DomainEvent::MemberAdded {
                conversation_id: id(conversation_id),
                user_id: user(user_id),
                by: user(by),
            },
            EventRecord::MemberRemoved {
                conversation_id,
                user_id,
                by,
            } => DomainEvent::MemberRemoved {
                conversation_id: id(conversation_id),
                user_id: user(user_id),
                by: user(by),
            },
            EventRecord::PresenceChanged {
                user_id,
                status,
                last_seen,
            } => DomainEvent::PresenceChanged {
                user_id: user(user_id),
                status: match status {
                    StatusRecord::Online => PresenceStatus::Online,
                    StatusRecord::Offline => PresenceStatus::Offline,
                },
                last_seen,
            },
            EventRecord::Typing {
                conversation_id,
                user_id,
            } => DomainEvent::Typing {
                conversation_id: id(conversation_id),
                user_id: user(user_id),
            },
            EventRecord::SessionsRevoked {
                user_id,
                token_hash,
            } => DomainEvent::SessionsRevoked {
                user_id: user(user_id),
                token_hash: token_hash.map(TokenHash::from_hex),
            },
            EventRecord::Resync => DomainEvent::Resync,
            EventRecord::ThreadRead {
                conversation_id,
                root,
                user_id,
                seq,
            } => DomainEvent::ThreadRead {
                conversation_id: id(conversation_id),
                root,
                user_id: user(user_id),
                seq,
            },
        })
    }
}

/// The payload published for `envelope`.
///
/// # Errors
/// The encoder's message, should an event ever fail to encode.
pub fn encode(envelope: &Envelope) -> Result<String, String> {
    let wire = Wire {
        v: 1,
        event: (&envelope.event).into(),
        audience: envelope.audience.iter().map(|u| *u.as_uuid()).collect(),
        skip: envelope.skip_connection.map(|c| *c.as_uuid()),
    };
    serde_json::to_string(&wire).map_err(|e| e.to_string())
}

/// The envelope a payload from another node carries.
///
/// # Errors
/// Why the payload is not an event this build reads.
pub fn decode(payload: &[u8]) -> Result<Envelope, String> {
    let w: Wire = serde_json::from_slice(payload).map_err(|e| e.to_string())?;
    if w.v > VERSION {
        return Err(format!(
            "an event of version {}: from a newer node (this one reads up to {VERSION})",
            w.v
        ));
    }
    let event = DomainEvent::try_from(w.event)?;
    let audience = w.audience.into_iter().map(UserId::from_uuid).collect();
    Ok(Envelope::new(event, audience).skipping(w.skip.map(ConnectionId::from_uuid)))
}
