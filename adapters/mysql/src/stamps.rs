//! Change stamps for the sync call on MySQL: the shared rules are chat-sql-kit's
//! `stamps` (the settle window, what a write stamps, the fence); this is the SQL. Stamps
//! are written in the change's own transaction: a stamp visible before its change would
//! be remembered by a sync as seen, with the old data, and hide the change.

use mysql_async::prelude::Queryable;
use mysql_async::Value;

use chat_domain::ports::SyncPoint;
use chat_domain::RepoError;

use crate::error::map;
use crate::Db;

pub(crate) use chat_sql_kit::stamps::{Fence, HighWater, Stamp};

/// The database's clock in microseconds since 1970, in UTC whatever the session's zone.
pub(crate) const NOW: &str = "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))";

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

/// Stamps `stamps` again if the write `fence` timed was slow (see [`Fence`]).
pub(crate) async fn restamp_if_slow(
    fence: Fence,
    db: &Db,
    stamps: &[Stamp<'_>],
) -> Result<(), RepoError> {
    if !fence.needs_restamp() {
        return Ok(());
    }
    restamp(db, stamps).await
}

/// Stamps `stamps` again, on a connection of its own.
pub(crate) async fn restamp(db: &Db, stamps: &[Stamp<'_>]) -> Result<(), RepoError> {
    let mut conn = db.conn().await?;
    write(&mut conn, stamps).await.map_err(map)
}

/// This database's epoch and where its stamps settle now.
pub(crate) async fn sync_point(db: &Db) -> Result<SyncPoint, RepoError> {
    let mut conn = db.conn().await?;
    let row: Option<(u64, u64, i64)> = conn
        .query_first(format!(
            "SELECT e.epoch, w.settled, {NOW} FROM sync_epoch e \
             JOIN sync_high_water w ON w.id = 1 WHERE e.id = 1"
        ))
        .await
        .map_err(map)?;
    let (mut epoch, highest, now) =
        row.ok_or_else(|| RepoError::Corrupt("sync_epoch has no row".into()))?;
    let settled = chat_sql_kit::stamps::settled(now);
    match HighWater::of(settled, highest) {
        HighWater::Keep => {}
        HighWater::Raise => {
            conn.exec_drop(
                "UPDATE sync_high_water SET settled = GREATEST(settled, ?) WHERE id = 1",
                (settled,),
            )
            .await
            .map_err(map)?;
        }
        HighWater::Rotate => {
            tracing::warn!(
                behind_micros = highest - settled,
                "the database clock went back: sync cursors start over"
            );
            // One node renews the epoch (the others find it renewed).
            conn.exec_drop(
                "UPDATE sync_epoch SET epoch = CONV(LEFT(MD5(UUID()), 15), 16, 10) \
                 WHERE id = 1 AND epoch = ?",
                (epoch,),
            )
            .await
            .map_err(map)?;
            conn.exec_drop(
                "UPDATE sync_high_water SET settled = ? WHERE id = 1",
                (settled,),
            )
            .await
            .map_err(map)?;
            let renewed: Option<u64> = conn
                .query_first("SELECT epoch FROM sync_epoch WHERE id = 1")
                .await
                .map_err(map)?;
            epoch = renewed.unwrap_or(epoch);
        }
    }
    Ok(SyncPoint { epoch, settled })
}
