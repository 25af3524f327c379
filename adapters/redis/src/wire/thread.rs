//! What an event's message says of threads, forwards, pins and removals.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::{Forwarded, Pin, Removal, ThreadSummary};
use chat_domain::ids::UserId;
use chat_domain::values::Seq;

/// A root's [`ThreadSummary`].
#[derive(Serialize, Deserialize)]
pub(super) struct ThreadRecord {
    replies: u64,
    last_seq: u64,
    last_reply_at: DateTime<Utc>,
    participants: Vec<Uuid>,
}

/// A pinned message's [`Pin`].
#[derive(Serialize, Deserialize)]
pub(super) struct PinRecord {
    by: Uuid,
    at: DateTime<Utc>,
}

impl From<&Pin> for PinRecord {
    fn from(p: &Pin) -> Self {
        Self {
            by: *p.by.as_uuid(),
            at: p.at,
        }
    }
}

impl From<PinRecord> for Pin {
    fn from(r: PinRecord) -> Self {
        Pin {
            by: UserId::from_uuid(r.by),
            at: r.at,
        }
    }
}

/// A removed message's [`Removal`]: who removed it, and when.
#[derive(Serialize, Deserialize)]
pub(super) struct RemovalRecord {
    by: Uuid,
    at: DateTime<Utc>,
}

impl From<&Removal> for RemovalRecord {
    fn from(r: &Removal) -> Self {
        Self {
            by: *r.by.as_uuid(),
            at: r.at,
        }
    }
}

impl From<RemovalRecord> for Removal {
    fn from(r: RemovalRecord) -> Self {
        Removal {
            by: UserId::from_uuid(r.by),
            at: r.at,
        }
    }
}

/// A forwarded message's [`Forwarded`].
#[derive(Serialize, Deserialize)]
pub(super) struct ForwardedRecord {
    sender_id: Uuid,
    created_at: DateTime<Utc>,
}

impl From<&ThreadSummary> for ThreadRecord {
    fn from(t: &ThreadSummary) -> Self {
        Self {
            replies: t.replies,
            last_seq: t.last_seq.get(),
            last_reply_at: t.last_reply_at,
            participants: t.participants.iter().map(|u| *u.as_uuid()).collect(),
        }
    }
}

impl TryFrom<ThreadRecord> for ThreadSummary {
    type Error = String;

    fn try_from(r: ThreadRecord) -> Result<Self, String> {
        Ok(ThreadSummary {
            replies: r.replies,
            last_seq: Seq::new(r.last_seq).map_err(|e| e.to_string())?,
            last_reply_at: r.last_reply_at,
            participants: r.participants.into_iter().map(UserId::from_uuid).collect(),
        })
    }
}

impl From<&Forwarded> for ForwardedRecord {
    fn from(f: &Forwarded) -> Self {
        Self {
            sender_id: *f.sender_id.as_uuid(),
            created_at: f.created_at,
        }
    }
}

impl From<ForwardedRecord> for Forwarded {
    fn from(r: ForwardedRecord) -> Self {
        Forwarded {
            sender_id: UserId::from_uuid(r.sender_id),
            created_at: r.created_at,
        }
    }
}
