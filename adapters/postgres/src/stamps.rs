//! Change stamps for the sync call on PostgreSQL: the shared rules are chat-sql-kit's
//! `stamps` (the settle window, what a write stamps, the fence); this is the SQL. Stamps
//! are written by the change's own statement or transaction.

use deadpool_postgres::GenericClient;
use uuid::Uuid;

use chat_domain::ports::SyncPoint;
use chat_domain::RepoError;

use crate::error::{corrupt, map};
use crate::Db;

pub(crate) use chat_sql_kit::stamps::{Fence, HighWater, Stamp};

/// The database's clock in microseconds since 1970 (the time of the call, not of the
/// transaction's start).
pub(crate) const NOW: &str = "floor(extract(epoch from clock_timestamp()) * 1000000)::bigint";

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
    let conn = db.conn().await?;
    write(&conn, stamps).await.map_err(map)
}

/// This database's epoch and where its stamps settle now.
pub(crate) async fn sync_point(db: &Db) -> Result<SyncPoint, RepoError> {
    let conn = db.conn().await?;
    let row = conn
        .query_one(
            &format!(
                "SELECT e.epoch, w.settled, {NOW} FROM sync_epoch e \
                 JOIN sync_high_water w ON w.id = 1 WHERE e.id = 1"
            ),
            &[],
        )
        .await
        .map_err(map)?;
    let mut epoch: i64 = row.try_get(0).map_err(|e| corrupt("sync_epoch", e))?;
    let highest: i64 = row.try_get(1).map_err(|e| corrupt("sync_high_water", e))?;
    let now: i64 = row.try_get(2).map_err(|e| corrupt("sync_epoch", e))?;
    let settled = chat_sql_kit::stamps::settled(now);
    let as_i64 = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    match HighWater::of(settled, u64::try_from(highest).unwrap_or(0)) {
        HighWater::Keep => {}
        HighWater::Raise => {
            conn.execute(
                "UPDATE sync_high_water SET settled = GREATEST(settled, $1) WHERE id = 1",
                &[&as_i64(settled)],
            )
            .await
            .map_err(map)?;
        }
        HighWater::Rotate => {
            tracing::warn!(
                behind_micros = highest - as_i64(settled),
                "the database clock went back: sync cursors start over"
            );
            // One node renews the epoch (the others find it renewed).
            conn.execute(
                "UPDATE sync_epoch SET epoch = floor(random() * 9.2e18)::bigint \
                 WHERE id = 1 AND epoch = $1",
                &[&epoch],
            )
            .await
            .map_err(map)?;
            conn.execute(
                "UPDATE sync_high_water SET settled = $1 WHERE id = 1",
                &[&as_i64(settled)],
            )
            .await
            .map_err(map)?;
            let renewed = conn
                .query_one("SELECT epoch FROM sync_epoch WHERE id = 1", &[])
                .await
                .map_err(map)?;
            epoch = renewed.try_get(0).map_err(|e| corrupt("sync_epoch", e))?;
        }
    }
    Ok(SyncPoint {
        epoch: epoch as u64,
        settled,
    })
}
