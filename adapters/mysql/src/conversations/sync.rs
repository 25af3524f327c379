//! What the sync call reads and the one write it needs in a transaction: each
//! membership's stamps, departures, and read cursors that stamp only when they move.

use std::collections::HashMap;

use mysql_async::prelude::Queryable;
use mysql_async::TxOpts;
use uuid::Uuid;

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::RepoError;

use super::not_a_member;
use crate::error::map;
use crate::stamps::{self, Fence, Stamp};
use crate::Db;

/// The (conversation, member) stamps of each of the user's memberships.
pub(super) async fn stamps_of(
    conn: &mut mysql_async::Conn,
    user_id: UserId,
) -> Result<HashMap<Uuid, (u64, u64)>, RepoError> {
    let rows: Vec<(Uuid, u64, u64)> = conn
        .exec(
            "SELECT p.conversation_id, COALESCE(cs.stamp, 0), COALESCE(ms.stamp, 0) \
             FROM participants p \
             LEFT JOIN conversation_stamps cs ON cs.conversation_id = p.conversation_id \
             LEFT JOIN member_stamps ms ON ms.conversation_id = p.conversation_id \
             AND ms.user_id = p.user_id WHERE p.user_id = ?",
            (*user_id.as_uuid(),),
        )
        .await
        .map_err(map)?;
    Ok(rows.into_iter().map(|(id, c, m)| (id, (c, m))).collect())
}

/// The conversations the user left with a stamp above `since`.
pub(super) async fn left_since(
    db: &Db,
    user_id: UserId,
    since: u64,
) -> Result<Vec<(ConversationId, u64)>, RepoError> {
    let mut conn = db.conn().await?;
    let rows: Vec<(Uuid, u64)> = conn
        .exec(
            "SELECT conversation_id, stamp FROM departures WHERE user_id = ? AND stamp > ?",
            (*user_id.as_uuid(), since),
        )
        .await
        .map_err(map)?;
    Ok(rows
        .into_iter()
        .map(|(id, stamp)| (ConversationId::from_uuid(id), stamp))
        .collect())
}

/// Moves the read cursor forward and stamps the member, in one transaction, only when
/// it moves (a read receipt for something already read stamps nothing).
pub(super) async fn advance_read_cursor(
    db: &Db,
    id: ConversationId,
    user_id: UserId,
    seq: u64,
) -> Result<u64, RepoError> {
    let mut conn = db.conn().await?;
    let key = (*id.as_uuid(), *user_id.as_uuid());
    let fence = Fence::start();
    let stamped = [Stamp::Member(id, user_id)];
    let mut tx = conn
        .start_transaction(TxOpts::default())
        .await
        .map_err(map)?;
    let result = async {
        let cursor: Option<u64> = tx
            .exec_first(
                "SELECT last_read_seq FROM participants \
                 WHERE conversation_id = ? AND user_id = ? FOR UPDATE",
                key,
            )
            .await?;
        let Some(cursor) = cursor else {
            return Ok(None);
        };
        if seq <= cursor {
            return Ok(Some((cursor, false)));
        }
        tx.exec_drop(
            "UPDATE participants SET last_read_seq = ? WHERE conversation_id = ? AND user_id = ?",
            (seq, key.0, key.1),
        )
        .await?;
        stamps::write(&mut tx, &stamped).await?;
        Ok(Some((seq, true)))
    }
    .await;
    match result {
        Ok(Some((cursor, moved))) => {
            tx.commit().await.map_err(map)?;
            if moved {
                stamps::restamp_if_slow(fence, db, &stamped).await?;
            }
            Ok(cursor)
        }
        Ok(None) => {
            let _ = tx.rollback().await;
            Err(not_a_member(id, user_id))
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(map(e))
        }
    }
}

/// Mutes or unmutes in one transaction with its stamp, stamping only a real change.
pub(super) async fn set_muted(
    db: &Db,
    id: ConversationId,
    user_id: UserId,
    muted: bool,
) -> Result<(), RepoError> {
    let mut conn = db.conn().await?;
    let key = (*id.as_uuid(), *user_id.as_uuid());
    let fence = Fence::start();
    let stamped = [Stamp::Member(id, user_id)];
    let mut tx = conn
        .start_transaction(TxOpts::default())
        .await
        .map_err(map)?;
    let result = async {
        let member: Option<u8> = tx
            .exec_first(
                "SELECT 1 FROM participants WHERE conversation_id = ? AND user_id = ? \
                 LOCK IN SHARE MODE",
                key,
            )
            .await?;
        if member.is_none() {
            return Ok(None);
        }
        let sql = if muted {
            "INSERT IGNORE INTO mutes (conversation_id, user_id) VALUES (?, ?)"
        } else {
            "DELETE FROM mutes WHERE conversation_id = ? AND user_id = ?"
        };
        tx.exec_drop(sql, key).await?;
        let changed = tx.affected_rows() > 0;
        if changed {
            stamps::write(&mut tx, &stamped).await?;
        }
        Ok(Some(changed))
    }
    .await;
    match result {
        Ok(Some(changed)) => {
            tx.commit().await.map_err(map)?;
            if changed {
                stamps::restamp_if_slow(fence, db, &stamped).await?;
            }
            Ok(())
        }
        Ok(None) => {
            let _ = tx.rollback().await;
            Err(not_a_member(id, user_id))
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(map(e))
        }
    }
}
