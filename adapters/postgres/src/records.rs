//! The PostgreSQL store's own document format: `messages.reactions` holds a message's
//! reactions as JSON, independent of the domain's types. The column's shape belongs to
//! the schema version (see [`crate::MIGRATIONS`]): a later shape comes with a migration,
//! and a server refuses a schema newer than it knows.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chrono::{DateTime, Utc};

use chat_domain::entities::{Reaction, ThreadSummary};
use chat_domain::ids::UserId;
use chat_domain::values::{Emoji, Seq};
use chat_domain::RepoError;

use crate::error::corrupt;

/// One emoji and who reacted with it, in the order they did.
#[derive(Serialize, Deserialize)]
struct ReactionRecord {
    emoji: String,
    users: Vec<Uuid>,
}

/// Reactions as the column holds them; `None` (SQL NULL) for none.
pub(crate) fn encode_reactions(reactions: &[Reaction]) -> Option<String> {
    if reactions.is_empty() {
        return None;
    }
    let records: Vec<ReactionRecord> = reactions
        .iter()
        .map(|r| ReactionRecord {
            emoji: r.emoji.as_str().to_owned(),
            users: r.users.iter().map(|u| *u.as_uuid()).collect(),
        })
        .collect();
    serde_json::to_string(&records).ok()
}

/// Reactions from the column (as `text`); SQL NULL is none.
///
/// # Errors
/// [`RepoError::Corrupt`] if the column does not hold reactions.
pub(crate) fn decode_reactions(column: Option<&str>) -> Result<Vec<Reaction>, RepoError> {
    let Some(json) = column else {
        return Ok(Vec::new());
    };
    let records: Vec<ReactionRecord> =
        serde_json::from_str(json).map_err(|e| corrupt("messages.reactions", e))?;
    Ok(records
        .into_iter()
        .map(|r| Reaction {
            emoji: Emoji::from_stored(r.emoji),
            users: r.users.into_iter().map(UserId::from_uuid).collect(),
        })
        .collect())
}

/// A thread root's summary as `messages.thread` holds it.
#[derive(Serialize, Deserialize)]
struct ThreadRecord {
    replies: u64,
    last_seq: u64,
    last_reply_at: DateTime<Utc>,
    participants: Vec<Uuid>,
}

/// A summary as the column holds it; `None` (SQL NULL) for a message with no thread.
pub(crate) fn encode_thread(thread: Option<&ThreadSummary>) -> Option<String> {
    let t = thread?;
    serde_json::to_string(&ThreadRecord {
        replies: t.replies,
        last_seq: t.last_seq.get(),
        last_reply_at: t.last_reply_at,
        participants: t.participants.iter().map(|u| *u.as_uuid()).collect(),
    })
    .ok()
}

/// A summary from the column (as `text`); SQL NULL is none.
///
/// # Errors
/// [`RepoError::Corrupt`] if the column does not hold a summary.
pub(crate) fn decode_thread(column: Option<&str>) -> Result<Option<ThreadSummary>, RepoError> {
    let Some(json) = column else {
        return Ok(None);
    };
    let r: ThreadRecord = serde_json::from_str(json).map_err(|e| corrupt("messages.thread", e))?;
    Ok(Some(ThreadSummary {
        replies: r.replies,
        last_seq: Seq::new(r.last_seq).map_err(|e| corrupt("messages.thread", e))?,
        last_reply_at: r.last_reply_at,
        participants: r.participants.into_iter().map(UserId::from_uuid).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The column as PostgreSQL hands back a `jsonb` value written by this version
    /// (its own spacing): it reads back, and encodes to the same document.
    #[test]
    fn reactions_read_back_as_the_server_returns_them() {
        let stored = r#"[{"emoji": "👍", "users": ["0190a8d2-7c1e-7000-8000-000000000001", "0190a8d2-7c1e-7000-8000-000000000002"]}, {"emoji": "🎉", "users": ["0190a8d2-7c1e-7000-8000-000000000002"]}]"#;
        let reactions = decode_reactions(Some(stored)).unwrap();
        assert_eq!(reactions.len(), 2);
        assert_eq!(reactions[0].emoji.as_str(), "👍");
        assert_eq!(reactions[0].users.len(), 2);
        let again: serde_json::Value =
            serde_json::from_str(&encode_reactions(&reactions).unwrap()).unwrap();
        assert_eq!(
            again,
            serde_json::from_str::<serde_json::Value>(stored).unwrap()
        );
        assert!(decode_reactions(None).unwrap().is_empty());
        assert_eq!(encode_reactions(&[]), None);
        assert!(decode_reactions(Some(r#"{"emoji": 1}"#)).is_err());
    }

    #[test]
    fn a_thread_summary_reads_back_as_the_server_returns_it() {
        let stored = r#"{"replies": 3, "last_seq": 9, "last_reply_at": "2026-12-03T10:00:00Z", "participants": ["0190a8d2-7c1e-7000-8000-000000000002", "0190a8d2-7c1e-7000-8000-000000000001"]}"#;
        let thread = decode_thread(Some(stored)).unwrap().unwrap();
        assert_eq!((thread.replies, thread.last_seq.get()), (3, 9));
        assert_eq!(thread.participants.len(), 2);
        let again: serde_json::Value =
            serde_json::from_str(&encode_thread(Some(&thread)).unwrap()).unwrap();
        assert_eq!(
            again,
            serde_json::from_str::<serde_json::Value>(stored).unwrap()
        );
        assert_eq!(decode_thread(None).unwrap(), None);
        assert!(decode_thread(Some(r#"{"replies": 1}"#)).is_err());
    }
}
