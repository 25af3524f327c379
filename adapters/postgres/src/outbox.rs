//! The events queue in `event_outbox`, and its lease in `event_lease`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;
use uuid::Uuid;

use chat_domain::entities::{OutboxEvent, QueuedEvent};
use chat_domain::ids::EventId;
use chat_domain::ports::EventOutbox;
use chat_domain::RepoError;
use chat_sql_kit::events::{columns, event_of, EventColumns};

use crate::error::{corrupt, map};
use crate::Db;

/// The [`EventOutbox`] on PostgreSQL.
pub struct PostgresOutbox {
    db: Db,
}

impl PostgresOutbox {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }
}

fn from_row(row: &Row) -> Result<QueuedEvent, RepoError> {
    let get = |e| corrupt("event_outbox row", e);
    let position: i64 = row.try_get(0).map_err(get)?;
    let event = event_of(&EventColumns {
        kind: row.try_get(3).map_err(get)?,
        conversation_id: row.try_get(4).map_err(get)?,
        seq: row.try_get(5).map_err(get)?,
        user_id: row.try_get(6).map_err(get)?,
        by: row.try_get(7).map_err(get)?,
        change: row.try_get(8).map_err(get)?,
    })?;
    Ok(QueuedEvent {
        position: u64::try_from(position).map_err(|e| corrupt("event_outbox.position", e))?,
        event: OutboxEvent {
            id: EventId::from_uuid(row.try_get(1).map_err(get)?),
            at: row.try_get(2).map_err(get)?,
            event,
        },
    })
}

#[async_trait]
impl EventOutbox for PostgresOutbox {
    async fn enqueue(&self, events: &[OutboxEvent]) -> Result<(), RepoError> {
        if events.is_empty() {
            return Ok(());
        }
        let rows: Vec<(Uuid, DateTime<Utc>, EventColumns)> = events
            .iter()
            .map(|e| (*e.id.as_uuid(), e.at, columns(&e.event)))
            .collect();
        // One statement: all rows or none, positions in the given order.
        let mut marks = Vec::with_capacity(rows.len());
        let mut params: Vec<&(dyn ToSql + Sync)> = Vec::with_capacity(rows.len() * 8);
        for (i, (id, at, c)) in rows.iter().enumerate() {
            let n = i * 8;
            marks.push(format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5,
                n + 6,
                n + 7,
                n + 8
            ));
            params.extend([
                id as &(dyn ToSql + Sync),
                at,
                &c.kind,
                &c.conversation_id,
                &c.seq,
                &c.user_id,
                &c.by,
                &c.change,
            ]);
        }
        let sql = format!(
            "INSERT INTO event_outbox (id, at, kind, conversation_id, seq, user_id, by_user, \
             change_kind) VALUES {}",
            marks.join(", ")
        );
        let conn = self.db.conn().await?;
        conn.execute(sql.as_str(), &params).await.map_err(map)?;
        Ok(())
    }

    async fn pending(
        &self,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<QueuedEvent>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT position, id, at, kind, conversation_id, seq, user_id, by_user, \
                 change_kind FROM event_outbox WHERE position > $1 ORDER BY position LIMIT $2",
            )
            .await
            .map_err(map)?;
        let after = i64::try_from(after.unwrap_or(0)).unwrap_or(i64::MAX);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = conn
            .query(&statement, &[&after, &limit])
            .await
            .map_err(map)?;
        rows.iter().map(from_row).collect()
    }

    async fn remove(&self, positions: &[u64]) -> Result<(), RepoError> {
        if positions.is_empty() {
            return Ok(());
        }
        let positions: Vec<i64> = positions
            .iter()
            .filter_map(|p| i64::try_from(*p).ok())
            .collect();
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached("DELETE FROM event_outbox WHERE position = ANY($1)")
            .await
            .map_err(map)?;
        conn.execute(&statement, &[&positions]).await.map_err(map)?;
        Ok(())
    }

    async fn lease(
        &self,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let conn = self.db.conn().await?;
        // One row, taken when it is ours already or has run out: the update is atomic, so
        // of two racing nodes one changes it.
        let statement = conn
            .prepare_cached(
                "UPDATE event_lease SET holder = $1, until = $2 \
                 WHERE name = 'events' AND (holder = $1 OR until <= $3)",
            )
            .await
            .map_err(map)?;
        let n = conn
            .execute(&statement, &[&holder, &until, &now])
            .await
            .map_err(map)?;
        Ok(n > 0)
    }
}
