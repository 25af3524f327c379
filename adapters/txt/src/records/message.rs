//! Messages and their changes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::{Message, MessageKind, Reaction, Removal};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, Emoji, MessageBody, Seq};

use super::thread::{ForwardedRecord, PinRecord, ThreadRecord};
use super::{check_version, is_one, one};

/// A stored message: version 3 when a moderator removed it, 2 when it says anything of
/// threads, forwards or pins, else 1 (so an older build refuses what it would misread).
#[derive(Serialize, Deserialize)]
pub struct MessageRecord {
    #[serde(default = "one", skip_serializing_if = "is_one")]
    v: u32,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    removed: Option<RemovalRecord>,
}

/// Who removed a message, and when (record version 3).
#[derive(Serialize, Deserialize)]
struct RemovalRecord {
    by: Uuid,
    at: DateTime<Utc>,
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

/// A line of `changes.txt`: a changed message as it is after the change, with the
/// conversation's version of the change.
#[derive(Serialize, Deserialize)]
pub struct ChangeRecord {
    #[serde(default = "one", skip_serializing_if = "is_one")]
    v: u32,
    /// The change's version.
    pub version: u64,
    /// The message after it.
    pub message: MessageRecord,
}

impl ChangeRecord {
    /// The record of `message`, changed at its version.
    pub fn of(message: &Message) -> Self {
        Self {
            v: 1,
            version: message.version,
            message: message.into(),
        }
    }

    /// The version and the message.
    ///
    /// # Errors
    /// As for a message record.
    pub fn into_parts(self) -> Result<(u64, Message), String> {
        check_version(self.v)?;
        Ok((self.version, self.message.try_into()?))
    }
}

impl From<&Message> for MessageRecord {
    fn from(m: &Message) -> Self {
        let v2 = m.thread_root.is_some()
            || m.thread.is_some()
            || m.forwarded.is_some()
            || m.pinned.is_some();
        Self {
            v: if m.removed.is_some() {
                3
            } else if v2 {
                2
            } else {
                1
            },
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
            removed: m.removed.map(|r| RemovalRecord {
                by: *r.by.as_uuid(),
                at: r.at,
            }),
        }
    }
}

impl TryFrom<MessageRecord> for Message {
    type Error = String;

    fn try_from(r: MessageRecord) -> Result<Self, String> {
        check_version(r.v)?;
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
            removed: r.removed.map(|r| Removal {
                by: UserId::from_uuid(r.by),
                at: r.at,
            }),
        })
    }
}
