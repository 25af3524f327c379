//! Change stamps for the sync call (see `chat_domain::ports::SyncPoint`): microseconds
//! of the database's clock, one clock for every server process.
//!
//! A sync point settles [`SETTLE`] behind that clock: a change stamped earlier has
//! shown by then, because a write that took longer than [`RESTAMP_AFTER`] from its
//! stamp to its commit stamps itself again once committed ([`Fence`]). Stamps are written
//! in the change's own transaction or, for single statements, just before it (a stamp
//! without its change only makes a sync answer one conversation more).

use std::time::{Duration, Instant};

use mysql_async::prelude::Queryable;
use mysql_async::Value;

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::SyncPoint;
use chat_domain::RepoError;

use crate::error::map;
use crate::Db;

/// The database's clock in microseconds since 1970, in UTC whatever the session's zone.
pub(crate) const NOW: &str = "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))";

/// How far behind the clock a sync point settles, in microseconds.
pub(crate) const SETTLE: u64 = 5_000_000;

/// A write slower than this from stamp to commit stamps again (well inside [`SETTLE`]).
const RESTAMP_AFTER: Duration = Duration::from_secs(2);

/// What a write stamps.
#[derive(Clone, Copy)]
pub(crate) enum Stamp<'a> {
    /// The conversation as every member sees it (created, members, roles).
    Conversation(ConversationId),
    /// One member's own row.
    Member(ConversationId, UserId),
    /// Every member's own row (a new conversation's).
    Members(ConversationId),
    /// A member leaving.
    Departure(ConversationId, UserId),
    /// The message logs of these conversations, in id order (rows locked in that order).
    Logs(&'a [ConversationId]),
}

/// Writes `stamps` on `q` (a connection, or a transaction of the change).
pub(crate) async fn write<Q: Queryable + Send>(
    q: &mut Q,
    stamps: &[Stamp<'_>],
) -> Result<(), mysql_async::Error> {
    const KEEP: &str = "ON DUPLICATE KEY UPDATE stamp = GREATEST(stamp + 1, VALUES(stamp))";
    for stamp in stamps {
        match *stamp {
            Stamp::Conversation(id) => {
                q.exec_drop(
                    format!(
                        "INSERT INTO conversation_stamps (conversation_id, stamp) \
                         VALUES (?, {NOW}) {KEEP}"
                    ),
                    (*id.as_uuid(),),
                )
                .await?
            }
            Stamp::Member(id, user) => {
                q.exec_drop(
                    format!(
                        "INSERT INTO member_stamps (conversation_id, user_id, stamp) \
                         VALUES (?, ?, {NOW}) {KEEP}"
                    ),
                    (*id.as_uuid(), *user.as_uuid()),
                )
                .await?
            }
            Stamp::Members(id) => {
                q.exec_drop(
                    format!(
                        "INSERT INTO member_stamps (conversation_id, user_id, stamp) \
                         SELECT conversation_id, user_id, {NOW} FROM participants \
                         WHERE conversation_id = ? {KEEP}"
                    ),
                    (*id.as_uuid(),),
                )
                .await?
            }
            Stamp::Departure(id, user) => {
                q.exec_drop(
                    format!(
                        "INSERT INTO departures (user_id, conversation_id, stamp) \
                         VALUES (?, ?, {NOW}) {KEEP}"
                    ),
                    (*user.as_uuid(), *id.as_uuid()),
                )
                .await?
            }
            Stamp::Logs([]) => {}
            Stamp::Logs(ids) => {
                let rows = vec![format!("(?, {NOW})"); ids.len()].join(", ");
                let params: Vec<Value> = ids.iter().map(|id| id.as_uuid().into()).collect();
                q.exec_drop(
                    format!(
                        "INSERT INTO message_stamps (conversation_id, stamp) VALUES {rows} \
                         {KEEP}"
                    ),
                    params,
                )
                .await?
            }
        }
    }
    Ok(())
}

/// Started before a write's first stamp; closed once the write has committed.
pub(crate) struct Fence(Instant);

impl Fence {
    pub(crate) fn start() -> Self {
        Self(Instant::now())
    }

    /// Stamps again if the write took so long that a sync point might have settled
    /// past its first stamp before it showed.
    pub(crate) async fn close(self, db: &Db, stamps: &[Stamp<'_>]) -> Result<(), RepoError> {
        if self.0.elapsed() <= RESTAMP_AFTER {
            return Ok(());
        }
        let mut conn = db.conn().await?;
        write(&mut conn, stamps).await.map_err(map)
    }
}

/// This database's epoch and where its stamps settle now.
pub(crate) async fn sync_point(db: &Db) -> Result<SyncPoint, RepoError> {
    let mut conn = db.conn().await?;
    let row: Option<(u64, i64)> = conn
        .query_first(format!("SELECT epoch, {NOW} FROM sync_epoch WHERE id = 1"))
        .await
        .map_err(map)?;
    let (epoch, now) = row.ok_or_else(|| RepoError::Corrupt("sync_epoch has no row".into()))?;
    Ok(SyncPoint {
        epoch,
        settled: u64::try_from(now).unwrap_or(0).saturating_sub(SETTLE),
    })
}
