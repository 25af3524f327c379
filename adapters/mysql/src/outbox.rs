//! The events queue in `event_outbox`, and its lease in `event_lease`.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDateTime, Utc};
use mysql_async::prelude::Queryable;
use mysql_async::{Row, Value};
use uuid::Uuid;

use chat_domain::entities::{OutboxEvent, QueuedEvent};
use chat_domain::ids::EventId;
use chat_domain::ports::EventOutbox;
use chat_domain::RepoError;
use chat_sql_kit::events::{columns, event_of, EventColumns};

use crate::codec::{decode, from_db_time, to_db_time};
use crate::error::map;
use crate::Db;

/// The [`EventOutbox`] on MySQL.
pub struct MysqlOutbox {
    db: Db,
}

impl MysqlOutbox {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }
}

type EventRow = (
    u64,
    Uuid,
    NaiveDateTime,
    i16,
    Uuid,
    Option<i64>,
    Option<Uuid>,
    Option<Uuid>,
    Option<i16>,
);

fn from_row(row: Row) -> Result<QueuedEvent, RepoError> {
    let (position, id, at, kind, conversation_id, seq, user_id, by, change): EventRow =
        decode(row, "event_outbox row")?;
    let event = event_of(&EventColumns {
        kind,
        conversation_id,
        seq,
        user_id,
        by,
        change,
    })?;
    Ok(QueuedEvent {
        position,
        event: OutboxEvent {
            id: EventId::from_uuid(id),
            at: from_db_time(at),
            event,
        },
    })
}

#[async_trait]
impl EventOutbox for MysqlOutbox {
    async fn enqueue(&self, events: &[OutboxEvent]) -> Result<(), RepoError> {
        if events.is_empty() {
            return Ok(());
        }
        // One statement: all rows or none, positions in the given order.
        let marks = vec!["(?, ?, ?, ?, ?, ?, ?, ?)"; events.len()].join(", ");
        let mut params: Vec<Value> = Vec::with_capacity(events.len() * 8);
        for e in events {
            let c = columns(&e.event);
            params.extend([
                Value::from(*e.id.as_uuid()),
                Value::from(to_db_time(e.at)),
                Value::from(c.kind),
                Value::from(c.conversation_id),
                Value::from(c.seq),
                Value::from(c.user_id),
                Value::from(c.by),
                Value::from(c.change),
            ]);
        }
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            format!(
                "INSERT INTO event_outbox (id, at, kind, conversation_id, seq, user_id, by_user, \
                 change_kind) VALUES {marks}"
            ),
            params,
        )
        .await
        .map_err(map)
    }

    async fn pending(
        &self,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<QueuedEvent>, RepoError> {
        let mut conn = self.db.conn().await?;
        let rows: Vec<Row> = conn
            .exec(
                "SELECT position, id, at, kind, conversation_id, seq, user_id, by_user, \
                 change_kind FROM event_outbox WHERE position > ? ORDER BY position LIMIT ?",
                (after.unwrap_or(0), limit as u64),
            )
            .await
            .map_err(map)?;
        rows.into_iter().map(from_row).collect()
    }

    async fn remove(&self, positions: &[u64]) -> Result<(), RepoError> {
        if positions.is_empty() {
            return Ok(());
        }
        let marks = vec!["?"; positions.len()].join(", ");
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            format!("DELETE FROM event_outbox WHERE position IN ({marks})"),
            positions.to_vec(),
        )
        .await
        .map_err(map)
    }

    async fn lease(
        &self,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let mut conn = self.db.conn().await?;
        // One row, taken when it is ours already or has run out: the update is atomic, so
        // of two racing nodes one changes it.
        conn.exec_drop(
            "UPDATE event_lease SET holder = ?, until = ? \
             WHERE name = 'events' AND (holder = ? OR until <= ?)",
            (holder, to_db_time(until), holder, to_db_time(now)),
        )
        .await
        .map_err(map)?;
        if conn.affected_rows() > 0 {
            return Ok(true);
        }
        // Affected rows count changed rows: a renewal that wrote the same values changed
        // none, yet the lease is ours.
        let current: Option<String> = conn
            .query_first("SELECT holder FROM event_lease WHERE name = 'events'")
            .await
            .map_err(map)?;
        Ok(current.as_deref() == Some(holder))
    }
}
