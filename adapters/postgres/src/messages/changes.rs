//! Edits, recalls and reactions rewrite the message's row; `change_counters` numbers a
//! conversation's changes, and its row lock serialises them.

use deadpool_postgres::Transaction;

use chat_domain::entities::{Message, MessageChange, MessageKind};
use chat_domain::ids::ConversationId;
use chat_domain::ports::Changed;
use chat_domain::rules::search_keys;
use chat_domain::values::Seq;
use chat_domain::RepoError;
use uuid::Uuid;

use super::row;
use super::search::{insert_terms, stored_key};
use crate::codec::big;
use crate::error::{corrupt, map};
use crate::records::{encode_reactions, encode_thread};
use crate::stamps::{self, Fence, Stamp};
use crate::Db;

pub(super) async fn change(
    db: &Db,
    id: ConversationId,
    seq: Seq,
    change: &MessageChange,
) -> Result<Changed, RepoError> {
    let mut conn = db.conn().await?;
    let fence = Fence::start();
    let tx = conn.transaction().await.map_err(map)?;
    // The counter first: its row lock makes this conversation's changes take turns, so
    // the message read below cannot change before the commit.
    let bump = tx
        .prepare_cached(
            "INSERT INTO change_counters AS cc (conversation_id, last_version) VALUES ($1, 1) \
             ON CONFLICT (conversation_id) DO UPDATE SET last_version = cc.last_version + 1 \
             RETURNING last_version",
        )
        .await
        .map_err(map)?;
    let version: i64 = tx
        .query_one(&bump, &[id.as_uuid()])
        .await
        .map_err(map)?
        .try_get(0)
        .map_err(|e| corrupt("change_counters", e))?;
    let read = tx
        .prepare_cached(&format!(
            "SELECT {} FROM messages m WHERE m.conversation_id = $1 AND m.seq = $2",
            row::COLUMNS
        ))
        .await
        .map_err(map)?;
    let found = tx
        .query_opt(&read, &[id.as_uuid(), &big(seq.get())])
        .await
        .map_err(map)?;
    let Some(found) = found else {
        return Err(RepoError::NotFound(format!("no message at seq {seq}")));
    };
    let mut message = row::message(&found)?;
    let before = Before {
        mentioned: message.mentions.iter().map(|u| *u.as_uuid()).collect(),
        keys: search_keys(message.body.as_str())
            .into_iter()
            .map(stored_key)
            .collect(),
    };
    let version = u64::try_from(version).map_err(|e| corrupt("change_counters", e))?;
    if matches!(change, MessageChange::Pin(_)) {
        // Under the counter's lock: pins racing in this conversation take turns here.
        let count = tx
            .prepare_cached(
                "SELECT count(*) FROM messages WHERE conversation_id = $1 \
                 AND pinned_at IS NOT NULL",
            )
            .await
            .map_err(map)?;
        let pinned: i64 = tx
            .query_one(&count, &[id.as_uuid()])
            .await
            .map_err(map)?
            .get(0);
        chat_domain::rules::ensure_pin_fits(&message, change, pinned as usize)
            .map_err(|e| RepoError::Conflict(e.to_string()))?;
    }
    let changed = message
        .apply(change, version)
        .map_err(|e| RepoError::Conflict(e.to_string()))?;
    if !changed {
        // Nothing to write: dropping the transaction rolls the version back.
        return Ok(Changed {
            message,
            changed: false,
        });
    }
    write(&tx, &message, change, &before).await.map_err(map)?;
    stamps::write(&tx, &[Stamp::Logs(&[id])])
        .await
        .map_err(map)?;
    tx.commit().await.map_err(map)?;
    drop(conn);
    stamps::restamp_if_slow(fence, db, &[Stamp::Logs(&[id])]).await?;
    Ok(Changed {
        message,
        changed: true,
    })
}

/// What the message's index rows were written from, before the change.
struct Before {
    mentioned: Vec<Uuid>,
    keys: Vec<i64>,
}

/// Writes the changed message over its row, and its search and mention rows after it.
async fn write(
    tx: &Transaction<'_>,
    m: &Message,
    change: &MessageChange,
    before: &Before,
) -> Result<(), tokio_postgres::Error> {
    let (conv, seq) = (m.conversation_id.as_uuid(), big(m.seq.get()));
    let mentions: Vec<Uuid> = m.mentions.iter().map(|u| *u.as_uuid()).collect();
    let update = tx
        .prepare_cached(
            "UPDATE messages SET body = $3, edited_at = $4, deleted = $5, \
             reactions = $6::text::jsonb, version = $7, mentions = $8, \
             thread = $9::text::jsonb, forwarded_sender_id = $10, forwarded_at = $11, \
             pinned_by = $12, pinned_at = $13, removed_by = $14, removed_at = $15 \
             WHERE conversation_id = $1 AND seq = $2",
        )
        .await?;
    tx.execute(
        &update,
        &[
            conv,
            &seq,
            &m.body.as_str(),
            &m.edited_at,
            &m.deleted,
            &encode_reactions(&m.reactions),
            &big(m.version),
            &mentions,
            &encode_thread(m.thread.as_ref()),
            &m.forwarded.map(|f| *f.sender_id.as_uuid()),
            &m.forwarded.map(|f| f.created_at),
            &m.pinned.map(|p| *p.by.as_uuid()),
            &m.pinned.map(|p| p.at),
            &m.removed.map(|r| *r.by.as_uuid()),
            &m.removed.map(|r| r.at),
        ],
    )
    .await?;
    if matches!(
        change,
        MessageChange::React { .. }
            | MessageChange::ThreadReply { .. }
            | MessageChange::Pin(_)
            | MessageChange::Unpin
    ) {
        return Ok(());
    }
    // The message's search rows follow its body: rewritten by an edit, gone with a
    // recall, found by the keys of the old body. (If the indexer has not reached it yet,
    // it reads the message as it is now; rows it writes from a body read just before the
    // edit are stale, and a search's check of the message passes over them.)
    let forget = tx
        .prepare_cached(
            "DELETE FROM message_terms WHERE conversation_id = $1 AND term = ANY($2) \
             AND created_at = $3 AND seq = $4",
        )
        .await?;
    tx.execute(&forget, &[conv, &before.keys, &m.created_at, &seq])
        .await?;
    if matches!(change, MessageChange::Recall | MessageChange::Remove(_)) {
        let forget = tx
            .prepare_cached(
                "DELETE FROM mentions WHERE conversation_id = $1 AND user_id = ANY($2) \
                 AND seq = $3",
            )
            .await?;
        tx.execute(&forget, &[conv, &before.mentioned, &seq])
            .await?;
    }
    if !m.deleted && m.kind == MessageKind::Text {
        insert_terms(tx, &[m]).await?;
    }
    Ok(())
}
