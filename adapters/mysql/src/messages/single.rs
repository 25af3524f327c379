//! One append in a transaction of its own: the path for a retried client id, and the
//! fallback when a batch meets a duplicate.

use mysql_async::prelude::Queryable;
use mysql_async::TxOpts;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ports::Appended;
use chat_domain::values::{ClientMsgId, Seq};
use chat_domain::RepoError;

use super::{find_by_client_id, MAX_ATTEMPTS};
use crate::codec::to_db_time;
use crate::error::{corrupt, is_retryable, map, server_code, DUPLICATE_KEY};
use crate::Db;

/// What one append transaction did.
enum Attempt {
    Stored(Box<Message>),
    /// A unique key held: a racing retry stored it first (or the message id is taken).
    Duplicate,
    /// The server rolled it back for a deadlock or lock wait timeout: run it again.
    Retry,
}

/// Stores `message` unless its client id is stored, as [`MessageRepository::append`]
/// promises.
///
/// [`MessageRepository::append`]: chat_domain::ports::MessageRepository::append
pub(super) async fn append_one(db: &Db, message: &NewMessage) -> Result<Appended, RepoError> {
    if let Some(stored) = stored_twin(db, message).await? {
        return Ok(Appended {
            message: stored,
            created: false,
        });
    }
    let mut attempt = 1;
    loop {
        let Ok(outcome) = tokio::time::timeout(db.write_timeout, try_append(db, message)).await
        else {
            return Err(no_answer(db));
        };
        match outcome? {
            Attempt::Stored(stored) => {
                return Ok(Appended {
                    message: *stored,
                    created: true,
                })
            }
            Attempt::Duplicate => break,
            Attempt::Retry if attempt < MAX_ATTEMPTS => attempt += 1,
            Attempt::Retry => return Err(contention()),
        }
    }
    // The racing twin committed first; hand back what it stored.
    match stored_twin(db, message).await? {
        Some(stored) => Ok(Appended {
            message: stored,
            created: false,
        }),
        None => Err(RepoError::Conflict(format!(
            "message id {} is taken",
            message.id
        ))),
    }
}

/// The database did not finish an append in time. It may still commit it: a retry with
/// the same client id then finds it.
pub(super) fn no_answer(db: &Db) -> RepoError {
    RepoError::Unavailable(format!(
        "the database did not finish the append within {:?}",
        db.write_timeout
    ))
}

pub(super) fn contention() -> RepoError {
    RepoError::Unavailable(format!(
        "append rolled back by the server {MAX_ATTEMPTS} times (lock contention)"
    ))
}

async fn stored_twin(db: &Db, m: &NewMessage) -> Result<Option<Message>, RepoError> {
    match &m.client_msg_id {
        Some(client_id) => find_by_client_id(db, m.conversation_id, m.sender_id, client_id).await,
        None => Ok(None),
    }
}

/// Bumps the counter (taking its row lock until commit; `LAST_INSERT_ID(expr)` hands
/// the new value back in the OK packet), inserts, commits.
async fn try_append(db: &Db, m: &NewMessage) -> Result<Attempt, RepoError> {
    let mut conn = db.conn().await?;
    let mut tx = conn
        .start_transaction(TxOpts::default())
        .await
        .map_err(map)?;
    let result = async {
        tx.exec_drop(
            "INSERT INTO message_counters (conversation_id, last_seq) \
             VALUES (?, LAST_INSERT_ID(1)) \
             ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)",
            (*m.conversation_id.as_uuid(),),
        )
        .await?;
        let seq = tx.last_insert_id().unwrap_or(0);
        tx.exec_drop(
            "INSERT INTO messages (conversation_id, seq, id, sender_id, kind, body, \
             client_msg_id, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *m.conversation_id.as_uuid(),
                seq,
                *m.id.as_uuid(),
                *m.sender_id.as_uuid(),
                m.kind.as_str(),
                m.body.as_str(),
                m.client_msg_id.as_ref().map(ClientMsgId::as_str),
                m.reply_to.map(Seq::get),
                to_db_time(m.created_at),
            ),
        )
        .await?;
        if let Ok(stored) = Seq::new(seq) {
            super::extras::insert(&mut tx, &[(m, stored)]).await?;
        }
        Ok(seq)
    }
    .await;
    let result = match result {
        Ok(seq) => tx.commit().await.map(|()| seq),
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
    };
    match result {
        Ok(seq) => {
            let seq = Seq::new(seq).map_err(|e| corrupt("message_counters.last_seq", e))?;
            Ok(Attempt::Stored(Box::new(m.clone().at(seq))))
        }
        Err(e) if server_code(&e) == Some(DUPLICATE_KEY) => Ok(Attempt::Duplicate),
        Err(e) if is_retryable(&e) => Ok(Attempt::Retry),
        // Includes a COMMIT whose answer was lost: the message may be stored, and a
        // retry with the same client_msg_id finds it rather than storing it twice.
        Err(e) => Err(map(e)),
    }
}
