//! The MySQL store's own record formats, independent of the domain's types: the
//! `message_changes.state` column holds a changed message as it is now, as JSON. A record
//! may carry `v`, its version; without one it is version 1, which this build writes
//! without `v`, exactly as rows written before records had types of their own. A message
//! in a thread, a thread's root or a forward is written as version 2; one a moderator
//! removed, as version 3.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::{
    Forwarded, Message, MessageKind, Pin, Reaction, Removal, ThreadSummary,
};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, Emoji, MessageBody, Seq};

use crate::error::corrupt;
use chat_domain::RepoError;

/// A changed message as `message_changes.state` holds it: version 3 when a moderator
/// removed it, 2 when it says anything of threads, forwards or pins, else 1.
#[derive(Serialize, Deserialize)]
pub(crate) struct StateRecord {
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
    removed: Option<PinRecord>,
}

/// Who pinned (or removed) a message, and when.
#[derive(Serialize, Deserialize)]
struct PinRecord {
    by: Uuid,
    at: DateTime<Utc>,
}

/// A root's summary of its replies.
#[derive(Serialize, Deserialize)]
struct ThreadRecord {
    replies: u64,
    last_seq: u64,
    last_reply_at: DateTime<Utc>,
    participants: Vec<Uuid>,
}

/// Where a forwarded message came from.
#[derive(Serialize, Deserialize)]
struct ForwardedRecord {
    sender_id: Uuid,
    created_at: DateTime<Utc>,
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

impl From<&Message> for StateRecord {
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
            thread: m.thread.as_ref().map(|t| ThreadRecord {
                replies: t.replies,
                last_seq: t.last_seq.get(),
                last_reply_at: t.last_reply_at,
                participants: t.participants.iter().map(|u| *u.as_uuid()).collect(),
            }),
            forwarded: m.forwarded.map(|f| ForwardedRecord {
                sender_id: *f.sender_id.as_uuid(),
                created_at: f.created_at,
            }),
            pinned: m.pinned.map(|p| PinRecord {
                by: *p.by.as_uuid(),
                at: p.at,
            }),
            removed: m.removed.map(|r| PinRecord {
                by: *r.by.as_uuid(),
                at: r.at,
            }),
        }
    }
}

impl TryFrom<StateRecord> for Message {
    type Error = String;

    fn try_from(r: StateRecord) -> Result<Self, String> {
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
            thread: r
                .thread
                .map(|t| -> Result<ThreadSummary, String> {
                    Ok(ThreadSummary {
                        replies: t.replies,
                        last_seq: seq(t.last_seq)?,
                        last_reply_at: t.last_reply_at,
                        participants: t.participants.into_iter().map(UserId::from_uuid).collect(),
                    })
                })
                .transpose()?,
            forwarded: r.forwarded.map(|f| Forwarded {
                sender_id: UserId::from_uuid(f.sender_id),
                created_at: f.created_at,
            }),
            pinned: r.pinned.map(|p| Pin {
                by: UserId::from_uuid(p.by),
                at: p.at,
            }),
            removed: r.removed.map(|p| Removal {
                by: UserId::from_uuid(p.by),
                at: p.at,
            }),
        })
    }
}

fn one() -> u32 {
    1
}

fn is_one(v: &u32) -> bool {
    *v == 1
}

/// The newest record version this build writes and reads (3: a message a moderator
/// removed).
const VERSION: u32 = 3;

fn check_version(v: u32) -> Result<(), String> {
    if v > VERSION {
        Err(format!(
            "a record of version {v}: written by a newer build (this one reads up to {VERSION})"
        ))
    } else {
        Ok(())
    }
}

/// A changed message as its `state` column.
pub(crate) fn encode_state(m: &Message) -> String {
    serde_json::to_string(&StateRecord::from(m)).unwrap_or_default()
}

/// A changed message from its `state` column.
///
/// # Errors
/// [`RepoError::Corrupt`] if the column does not hold a message.
pub(crate) fn decode_state(state: &str) -> Result<Message, RepoError> {
    serde_json::from_str::<StateRecord>(state)
        .map_err(|e| e.to_string())
        .and_then(Message::try_from)
        .map_err(|e| corrupt("message_changes.state", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `state` values as the build before these record types wrote them (taken from the
    /// golden dump): each reads back, and is written again byte for byte.
    #[test]
    fn states_written_before_read_back_and_are_written_alike() {
        let golden = include_str!("golden/states.jsonl");
        let mut n = 0;
        for line in golden.lines().filter(|l| !l.is_empty()) {
            let m = decode_state(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            assert_eq!(encode_state(&m), line);
            n += 1;
        }
        assert!(n >= 4, "{n} states");
    }

    /// A message a moderator removed is version 3 and says who and when.
    #[test]
    fn a_removed_state_is_version_3_and_keeps_its_shape() {
        let line = r#"{"v":3,"id":"0daa8ba2-dad1-4b67-933e-efdac267b7cf","conversation_id":"ca2f842a-68ba-4a6d-9940-abb7d6bb0049","seq":6,"sender_id":"1443b465-5e23-4589-b585-7ae04bae0fb4","kind":"text","body":"","client_msg_id":"bob-6","reply_to":null,"created_at":"2026-12-01T23:29:26.253317Z","deleted":true,"version":2,"removed":{"by":"5d2d7e7a-910f-4786-9c7f-df324a016fc7","at":"2026-12-07T10:11:00Z"}}"#;
        let m = decode_state(line).unwrap();
        assert_eq!(
            m.removed.map(|r| r.by.to_string()).as_deref(),
            Some("5d2d7e7a-910f-4786-9c7f-df324a016fc7")
        );
        assert_eq!(encode_state(&m), line);
    }

    #[test]
    fn a_state_of_a_newer_version_is_refused() {
        let line = include_str!("golden/states.jsonl").lines().next().unwrap();
        assert!(decode_state(&line.replacen('{', r#"{"v":4,"#, 1)).is_err());
    }
}
