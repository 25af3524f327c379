//! Blocks in the `blocks` table.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use chat_domain::ids::UserId;
use chat_domain::ports::BlockRepository;
use chat_domain::RepoError;

use crate::error::{corrupt, map};
use crate::Db;

/// The [`BlockRepository`] on PostgreSQL.
pub struct PostgresBlocks {
    db: Db,
}

impl PostgresBlocks {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn users(&self, sql: &str, user: UserId) -> Result<Vec<UserId>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        let rows = conn
            .query(&statement, &[user.as_uuid()])
            .await
            .map_err(map)?;
        rows.iter()
            .map(|r| {
                r.try_get::<_, Uuid>(0)
                    .map(UserId::from_uuid)
                    .map_err(|e| corrupt("blocks row", e))
            })
            .collect()
    }

    async fn execute(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<(), RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        conn.execute(&statement, params).await.map_err(map)?;
        Ok(())
    }
}

#[async_trait]
impl BlockRepository for PostgresBlocks {
    async fn block(
        &self,
        blocker: UserId,
        blocked: UserId,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        self.execute(
            "INSERT INTO blocks (blocker, blocked, at) VALUES ($1, $2, $3) \
             ON CONFLICT (blocker, blocked) DO NOTHING",
            &[blocker.as_uuid(), blocked.as_uuid(), &at],
        )
        .await
    }

    async fn unblock(&self, blocker: UserId, blocked: UserId) -> Result<(), RepoError> {
        self.execute(
            "DELETE FROM blocks WHERE blocker = $1 AND blocked = $2",
            &[blocker.as_uuid(), blocked.as_uuid()],
        )
        .await
    }

    async fn blocked_by(&self, blocker: UserId) -> Result<Vec<(UserId, DateTime<Utc>)>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT blocked, at FROM blocks WHERE blocker = $1 ORDER BY at DESC, blocked DESC",
            )
            .await
            .map_err(map)?;
        let rows = conn
            .query(&statement, &[blocker.as_uuid()])
            .await
            .map_err(map)?;
        rows.iter()
            .map(|r| {
                let get = |e| corrupt("blocks row", e);
                Ok((
                    UserId::from_uuid(r.try_get(0).map_err(get)?),
                    r.try_get(1).map_err(get)?,
                ))
            })
            .collect()
    }

    async fn blockers_of(&self, user: UserId) -> Result<Vec<UserId>, RepoError> {
        self.users("SELECT blocker FROM blocks WHERE blocked = $1", user)
            .await
    }
}
