//! A `messages` row as the domain's [`Message`].

use chrono::{DateTime, Utc};
use tokio_postgres::Row;
use uuid::Uuid;

use chat_domain::entities::{Forwarded, Message, MessageKind, Pin, Removal};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, MessageBody};
use chat_domain::RepoError;

use crate::codec::{count, seq};
use crate::error::corrupt;
use crate::records::{decode_reactions, decode_thread};

/// The columns [`message`] reads, in its order.
pub(super) const COLUMNS: &str = "m.conversation_id, m.seq, m.id, m.sender_id, m.kind, m.body, \
                                  m.client_msg_id, m.reply_to, m.created_at, m.mentions, \
                                  m.edited_at, m.deleted, m.reactions::text, m.version, \
                                  m.thread_root, m.thread::text, m.forwarded_sender_id, \
                                  m.forwarded_at, m.pinned_by, m.pinned_at, \
                                  m.removed_by, m.removed_at";

pub(super) fn message(row: &Row) -> Result<Message, RepoError> {
    let get = |e| corrupt("messages row", e);
    let kind: String = row.try_get(4).map_err(get)?;
    let client_msg_id: Option<String> = row.try_get(6).map_err(get)?;
    let reply_to: Option<i64> = row.try_get(7).map_err(get)?;
    let mentions: Vec<Uuid> = row.try_get(9).map_err(get)?;
    let reactions: Option<String> = row.try_get(12).map_err(get)?;
    let thread_root: Option<i64> = row.try_get(14).map_err(get)?;
    let thread: Option<String> = row.try_get(15).map_err(get)?;
    let forwarded_from: Option<Uuid> = row.try_get(16).map_err(get)?;
    let forwarded_at: Option<DateTime<Utc>> = row.try_get(17).map_err(get)?;
    let pinned_by: Option<Uuid> = row.try_get(18).map_err(get)?;
    let pinned_at: Option<DateTime<Utc>> = row.try_get(19).map_err(get)?;
    let removed_by: Option<Uuid> = row.try_get(20).map_err(get)?;
    let removed_at: Option<DateTime<Utc>> = row.try_get(21).map_err(get)?;
    Ok(Message {
        conversation_id: ConversationId::from_uuid(row.try_get(0).map_err(get)?),
        seq: seq(row.try_get(1).map_err(get)?, "messages.seq")?,
        id: MessageId::from_uuid(row.try_get(2).map_err(get)?),
        sender_id: UserId::from_uuid(row.try_get(3).map_err(get)?),
        kind: MessageKind::parse(&kind).map_err(|e| corrupt("messages.kind", e))?,
        // As stored: bodies were checked when sent, and a recalled one is empty.
        body: MessageBody::from_stored(row.try_get(5).map_err(get)?),
        client_msg_id: client_msg_id
            .map(|c| ClientMsgId::parse(&c))
            .transpose()
            .map_err(|e| corrupt("messages.client_msg_id", e))?,
        reply_to: reply_to.map(|r| seq(r, "messages.reply_to")).transpose()?,
        mentions: mentions.into_iter().map(UserId::from_uuid).collect(),
        created_at: row.try_get::<_, DateTime<Utc>>(8).map_err(get)?,
        edited_at: row.try_get(10).map_err(get)?,
        deleted: row.try_get(11).map_err(get)?,
        reactions: decode_reactions(reactions.as_deref())?,
        version: count(row.try_get(13).map_err(get)?, "messages.version")?,
        thread_root: thread_root
            .map(|r| seq(r, "messages.thread_root"))
            .transpose()?,
        thread: decode_thread(thread.as_deref())?,
        forwarded: forwarded_from.zip(forwarded_at).map(|(u, at)| Forwarded {
            sender_id: UserId::from_uuid(u),
            created_at: at,
        }),
        pinned: pinned_by.zip(pinned_at).map(|(u, at)| Pin {
            by: UserId::from_uuid(u),
            at,
        }),
        removed: removed_by.zip(removed_at).map(|(u, at)| Removal {
            by: UserId::from_uuid(u),
            at,
        }),
    })
}
