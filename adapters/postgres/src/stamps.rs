//! Change stamps for the sync call (see `chat_domain::ports::SyncPoint`): microseconds
//! of the database's clock, one clock for every server process.
//!
//! A sync point settles [`SETTLE`] behind that clock: a change stamped earlier has
//! shown by then, because a write that took longer than [`RESTAMP_AFTER`] from its
//! stamp to its commit stamps itself again once committed ([`Fence`]). Stamps are written
//! by the change's own statement or transaction.

use std::time::{Duration, Instant};

use deadpool_postgres::GenericClient;
use uuid::Uuid;

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::SyncPoint;
use chat_domain::RepoError;

use crate::error::{corrupt, map};
use crate::Db;

/// The database's clock in microseconds since 1970 (the time of the call, not of the
/// transaction's start).
pub(crate) const NOW: &str = "floor(extract(epoch from clock_timestamp()) * 1000000)::bigint";

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

/// Writes `stamps` on `client` (a connection, or a transaction of the change).
pub(crate) async fn write<C: GenericClient + Sync>(
    client: &C,
    stamps: &[Stamp<'_>],
) -> Result<(), tokio_postgres::Error> {
    for stamp in stamps {
        match *stamp {
            Stamp::Conversation(id) => {
                let sql = format!(
                    "UPDATE conversations SET stamp = GREATEST(stamp + 1, {NOW}) WHERE id = $1"
                );
                client.execute(&sql, &[id.as_uuid()]).await?;
            }
            Stamp::Member(id, user) => {
                let sql = format!(
                    "UPDATE participants SET stamp = GREATEST(stamp + 1, {NOW}) \
                     WHERE conversation_id = $1 AND user_id = $2"
                );
                client
                    .execute(&sql, &[id.as_uuid(), user.as_uuid()])
                    .await?;
            }
            Stamp::Members(id) => {
                let sql = format!(
                    "UPDATE participants SET stamp = GREATEST(stamp + 1, {NOW}) \
                     WHERE conversation_id = $1"
                );
                client.execute(&sql, &[id.as_uuid()]).await?;
            }
            Stamp::Departure(id, user) => {
                let sql = format!(
                    "INSERT INTO departures AS d (user_id, conversation_id, stamp) \
                     VALUES ($1, $2, {NOW}) ON CONFLICT (user_id, conversation_id) \
                     DO UPDATE SET stamp = GREATEST(d.stamp + 1, EXCLUDED.stamp)"
                );
                client
                    .execute(&sql, &[user.as_uuid(), id.as_uuid()])
                    .await?;
            }
            Stamp::Logs([]) => {}
            Stamp::Logs(ids) => {
                let ids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
                let sql = format!(
                    "INSERT INTO message_stamps AS s (conversation_id, stamp) \
                     SELECT c, {NOW} FROM unnest($1::uuid[]) AS t(c) ORDER BY c \
                     ON CONFLICT (conversation_id) \
                     DO UPDATE SET stamp = GREATEST(s.stamp + 1, EXCLUDED.stamp)"
                );
                client.execute(&sql, &[&ids]).await?;
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
        let conn = db.conn().await?;
        write(&conn, stamps).await.map_err(map)
    }
}

/// This database's epoch and where its stamps settle now.
pub(crate) async fn sync_point(db: &Db) -> Result<SyncPoint, RepoError> {
    let conn = db.conn().await?;
    let row = conn
        .query_one(
            &format!("SELECT epoch, {NOW} FROM sync_epoch WHERE id = 1"),
            &[],
        )
        .await
        .map_err(map)?;
    let epoch: i64 = row.try_get(0).map_err(|e| corrupt("sync_epoch", e))?;
    let now: i64 = row.try_get(1).map_err(|e| corrupt("sync_epoch", e))?;
    Ok(SyncPoint {
        epoch: epoch as u64,
        settled: u64::try_from(now).unwrap_or(0).saturating_sub(SETTLE),
    })
}
