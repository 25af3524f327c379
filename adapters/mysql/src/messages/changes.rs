//! Edits, recalls and reactions: `message_changes` holds each changed message as it is
//! now; `change_counters` numbers a conversation's changes, and its row lock serialises
//! them.

use mysql_async::prelude::Queryable;
use mysql_async::TxOpts;

use chat_domain::entities::{Message, MessageChange};
use chat_domain::ids::{ConversationId, FileId};
use chat_domain::ports::Changed;
use chat_domain::values::{Limit, Seq};
use chat_domain::RepoError;

use super::extras::{insert_terms, term_rows};
use crate::error::map;
use crate::stamps::{self, Fence, Stamp};
use crate::Db;

pub(super) use crate::records::decode_state;

pub(super) async fn change(
    db: &Db,
    id: ConversationId,
    seq: Seq,
    change: &MessageChange,
) -> Result<Changed, RepoError> {
    let mut conn = db.conn().await?;
    let fence = Fence::start();
    let mut tx = conn
        .start_transaction(TxOpts::default())
        .await
        .map_err(map)?;
    let conv = *id.as_uuid();
    // The counter first: its row lock makes this conversation's changes take turns, so
    // the message read below cannot change before the commit.
    let bumped = tx
        .exec_drop(
            "INSERT INTO change_counters (conversation_id, last_version) \
             VALUES (?, LAST_INSERT_ID(1)) \
             ON DUPLICATE KEY UPDATE last_version = LAST_INSERT_ID(last_version + 1)",
            (conv,),
        )
        .await;
    let version = match bumped {
        Ok(()) => tx.last_insert_id().unwrap_or(0),
        Err(e) => {
            let _ = tx.rollback().await;
            return Err(map(e));
        }
    };
    match apply(&mut tx, id, seq, change, version).await {
        Ok(Some(message)) => {
            tx.commit().await.map_err(map)?;
            drop(conn);
            stamps::restamp_if_slow(fence, db, &[Stamp::Logs(&[id])]).await?;
            Ok(Changed {
                message,
                changed: true,
            })
        }
        Ok(None) => {
            // Nothing to write: the version is given back with the rollback.
            let _ = tx.rollback().await;
            let message = super::select(
                db,
                "WHERE m.conversation_id = ? AND m.seq = ?",
                (conv, seq.get()),
            )
            .await?
            .pop()
            .ok_or_else(|| RepoError::NotFound(format!("no message at seq {seq}")))?;
            Ok(Changed {
                message,
                changed: false,
            })
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

/// Applies the change inside the transaction; `None` when it changes nothing.
async fn apply(
    tx: &mut mysql_async::Transaction<'_>,
    id: ConversationId,
    seq: Seq,
    change: &MessageChange,
    version: u64,
) -> Result<Option<Message>, RepoError> {
    let conv = *id.as_uuid();
    let rows: Vec<mysql_async::Row> = tx
        .exec(
            format!(
                "SELECT {} {} WHERE m.conversation_id = ? AND m.seq = ?",
                super::COLUMNS,
                super::FROM
            ),
            (conv, seq.get()),
        )
        .await
        .map_err(map)?;
    let mut message = match rows.into_iter().next() {
        Some(row) => super::from_row(row)?,
        None => return Err(RepoError::NotFound(format!("no message at seq {seq}"))),
    };
    if matches!(change, MessageChange::Pin(_)) {
        // Under the counter's lock: pins racing in this conversation take turns here.
        let pinned: Option<u64> = tx
            .exec_first(
                "SELECT COUNT(*) FROM pins WHERE conversation_id = ?",
                (conv,),
            )
            .await
            .map_err(map)?;
        chat_domain::rules::ensure_pin_fits(&message, change, pinned.unwrap_or(0) as usize)
            .map_err(|e| RepoError::Conflict(e.to_string()))?;
    }
    let changed = message
        .apply(change, version)
        .map_err(|e| RepoError::Conflict(e.to_string()))?;
    if !changed {
        return Ok(None);
    }
    stamps::write(tx, &[Stamp::Logs(&[id])])
        .await
        .map_err(map)?;
    let state = crate::records::encode_state(&message);
    tx.exec_drop(
        "INSERT INTO message_changes (conversation_id, seq, version, state) VALUES (?, ?, ?, ?) \
         ON DUPLICATE KEY UPDATE version = VALUES(version), state = VALUES(state)",
        (conv, seq.get(), version, state),
    )
    .await
    .map_err(map)?;
    if matches!(
        change,
        MessageChange::Pin(_)
            | MessageChange::Unpin
            | MessageChange::Recall
            | MessageChange::Remove(_)
    ) {
        write_pin(tx, &message).await.map_err(map)?;
    }
    if matches!(change, MessageChange::Recall | MessageChange::Remove(_)) {
        // Erased in the same transaction: the row as first written keeps no text.
        tx.exec_drop(
            "UPDATE messages SET body = '' WHERE conversation_id = ? AND seq = ?",
            (conv, seq.get()),
        )
        .await
        .map_err(map)?;
    }
    // The message's search rows follow its body: rewritten by an edit, gone with a recall.
    // (If the indexer has not reached it yet, it reads the message as it is now.)
    if !matches!(
        change,
        MessageChange::React { .. }
            | MessageChange::ThreadReply { .. }
            | MessageChange::Pin(_)
            | MessageChange::Unpin
    ) {
        for table in ["message_terms", "mentions"] {
            if table == "mentions"
                && !matches!(change, MessageChange::Recall | MessageChange::Remove(_))
            {
                continue;
            }
            tx.exec_drop(
                format!("DELETE FROM {table} WHERE conversation_id = ? AND seq = ?"),
                (conv, seq.get()),
            )
            .await
            .map_err(map)?;
        }
        if !message.deleted && message.kind == chat_domain::entities::MessageKind::Text {
            insert_terms(tx, term_rows(&[&message]))
                .await
                .map_err(map)?;
        }
    }
    Ok(Some(message))
}

/// The message's `pins` row follows its pin (a recall unpins).
async fn write_pin(
    tx: &mut mysql_async::Transaction<'_>,
    m: &Message,
) -> Result<(), mysql_async::Error> {
    let key = (*m.conversation_id.as_uuid(), m.seq.get());
    match m.pinned {
        Some(pin) => {
            tx.exec_drop(
                "INSERT IGNORE INTO pins (conversation_id, seq, pinned_at) VALUES (?, ?, ?)",
                (key.0, key.1, crate::codec::to_db_time(pin.at)),
            )
            .await
        }
        None => {
            tx.exec_drop(
                "DELETE FROM pins WHERE conversation_id = ? AND seq = ?",
                key,
            )
            .await
        }
    }
}

pub(super) async fn since(
    db: &Db,
    id: ConversationId,
    after_version: u64,
    limit: Limit,
) -> Result<Vec<Message>, RepoError> {
    let mut conn = db.conn().await?;
    let states: Vec<String> = conn
        .exec(
            "SELECT state FROM message_changes WHERE conversation_id = ? AND version > ? \
             ORDER BY version LIMIT ?",
            (*id.as_uuid(), after_version, limit.get() as u64),
        )
        .await
        .map_err(map)?;
    states.iter().map(|s| decode_state(s)).collect()
}

/// Blanks the `messages` row of every tombstone that still has a body: tombstones made
/// before recalls erased in their transaction. Returns how many it blanked.
pub(super) async fn blank_older_tombstones(db: &Db) -> Result<u64, RepoError> {
    let mut conn = db.conn().await?;
    conn.exec_drop(
        "UPDATE messages m JOIN message_changes mc \
         ON mc.conversation_id = m.conversation_id AND mc.seq = m.seq \
         SET m.body = '' \
         WHERE m.body <> '' AND JSON_VALUE(mc.state, '$.deleted') IN ('true', '1')",
        (),
    )
    .await
    .map_err(map)?;
    Ok(conn.affected_rows())
}

/// One scan of the conversation's rows in the database rather than pages of them:
/// the attachment's key as the server writes it (a quote inside a name is escaped,
/// so only the real key matches), on a message whose changed state is no tombstone.
pub(super) async fn carries_file(
    db: &Db,
    id: ConversationId,
    file: FileId,
) -> Result<bool, RepoError> {
    let mut conn = db.conn().await?;
    let found: Option<u8> = conn
        .exec_first(
            "SELECT 1 FROM messages m LEFT JOIN message_changes mc \
             ON mc.conversation_id = m.conversation_id AND mc.seq = m.seq \
             WHERE m.conversation_id = ? AND m.kind IN ('image', 'file') \
             AND LOCATE(?, m.body) > 0 \
             AND COALESCE(JSON_VALUE(mc.state, '$.deleted'), '') NOT IN ('true', '1') \
             LIMIT 1",
            (*id.as_uuid(), format!(r#""file_id":"{file}""#)),
        )
        .await
        .map_err(map)?;
    Ok(found.is_some())
}
