//! The membership changes: join, leave, role. Each runs its statements and its stamps in
//! one transaction, so a sync never sees a stamp without its change (a sync between the
//! two would remember the stamp as seen, with the old data, and hide the change).

use mysql_async::prelude::Queryable;
use mysql_async::{Transaction, TxOpts};

use chat_domain::entities::{Participant, ParticipantRole};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::RepoError;

use super::{not_a_member, role_str};
use crate::codec::to_db_time;
use crate::error::{map, server_code, DUPLICATE_KEY};
use crate::stamps::{self, Fence, Stamp};
use crate::Db;

/// What a change's statements found: done, or a domain error that rolls it back.
type Outcome = Result<Result<(), RepoError>, mysql_async::Error>;

pub(super) async fn add_participant(db: &Db, p: &Participant) -> Result<(), RepoError> {
    let stamped = [
        Stamp::Conversation(p.conversation_id),
        Stamp::Member(p.conversation_id, p.user_id),
    ];
    let mut conn = db.conn().await?;
    let fence = Fence::start();
    let mut tx = conn
        .start_transaction(TxOpts::default())
        .await
        .map_err(map)?;
    let outcome = async {
        // Inserts only if the conversation exists: one statement, no window between.
        let inserted = tx
            .exec_drop(
                "INSERT INTO participants (conversation_id, user_id, role, joined_at, \
                 last_read_seq) SELECT id, ?, ?, ?, ? FROM conversations WHERE id = ?",
                (
                    *p.user_id.as_uuid(),
                    role_str(p.role),
                    to_db_time(p.joined_at),
                    p.last_read_seq,
                    *p.conversation_id.as_uuid(),
                ),
            )
            .await;
        match inserted {
            Err(e) if server_code(&e) == Some(DUPLICATE_KEY) => {
                return Ok(Err(RepoError::Conflict(format!(
                    "user {} is already a member of {}",
                    p.user_id, p.conversation_id
                ))))
            }
            Err(e) => return Err(e),
            Ok(()) if tx.affected_rows() == 0 => {
                return Ok(Err(RepoError::NotFound(format!(
                    "conversation {}",
                    p.conversation_id
                ))))
            }
            Ok(()) => {}
        }
        stamps::write(&mut tx, &stamped).await?;
        Ok(Ok(()))
    }
    .await;
    finish(tx, outcome).await?;
    drop(conn);
    stamps::restamp_if_slow(fence, db, &stamped).await
}

pub(super) async fn remove_participant(
    db: &Db,
    id: ConversationId,
    user_id: UserId,
) -> Result<(), RepoError> {
    let stamped = [Stamp::Conversation(id), Stamp::Departure(id, user_id)];
    let key = (*id.as_uuid(), *user_id.as_uuid());
    let mut conn = db.conn().await?;
    let fence = Fence::start();
    let mut tx = conn
        .start_transaction(TxOpts::default())
        .await
        .map_err(map)?;
    let outcome = async {
        tx.exec_drop(
            "DELETE FROM participants WHERE conversation_id = ? AND user_id = ?",
            key,
        )
        .await?;
        if tx.affected_rows() == 0 {
            return Ok(Err(not_a_member(id, user_id)));
        }
        // A member who rejoins starts unmuted, with nothing delivered or sent.
        for table in ["mutes", "delivered", "senders"] {
            tx.exec_drop(
                format!("DELETE FROM {table} WHERE conversation_id = ? AND user_id = ?"),
                key,
            )
            .await?;
        }
        stamps::write(&mut tx, &stamped).await?;
        Ok(Ok(()))
    }
    .await;
    finish(tx, outcome).await?;
    drop(conn);
    stamps::restamp_if_slow(fence, db, &stamped).await
}

pub(super) async fn set_role(
    db: &Db,
    id: ConversationId,
    user_id: UserId,
    role: ParticipantRole,
) -> Result<(), RepoError> {
    let stamped = [Stamp::Conversation(id)];
    let mut conn = db.conn().await?;
    let fence = Fence::start();
    let mut tx = conn
        .start_transaction(TxOpts::default())
        .await
        .map_err(map)?;
    let outcome = async {
        tx.exec_drop(
            "UPDATE participants SET role = ? WHERE conversation_id = ? AND user_id = ?",
            (role_str(role), *id.as_uuid(), *user_id.as_uuid()),
        )
        .await?;
        // The pool sets CLIENT_FOUND_ROWS: matched rows count, changed or not.
        if tx.affected_rows() == 0 {
            return Ok(Err(not_a_member(id, user_id)));
        }
        stamps::write(&mut tx, &stamped).await?;
        Ok(Ok(()))
    }
    .await;
    finish(tx, outcome).await?;
    drop(conn);
    stamps::restamp_if_slow(fence, db, &stamped).await
}

/// Commits a change whose statements all went through; rolls anything else back.
async fn finish(tx: Transaction<'_>, outcome: Outcome) -> Result<(), RepoError> {
    match outcome {
        Ok(Ok(())) => tx.commit().await.map_err(map),
        Ok(Err(e)) => {
            let _ = tx.rollback().await;
            Err(e)
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(map(e))
        }
    }
}
