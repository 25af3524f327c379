//! Blocks in the `blocks` table.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mysql_async::prelude::Queryable;
use uuid::Uuid;

use chat_domain::ids::UserId;
use chat_domain::ports::BlockRepository;
use chat_domain::RepoError;

use crate::codec::{from_db_time, to_db_time};
use crate::error::map;
use crate::Db;

/// The [`BlockRepository`] on MySQL.
pub struct MysqlBlocks {
    db: Db,
}

impl MysqlBlocks {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn users(&self, sql: &str, user: UserId) -> Result<Vec<UserId>, RepoError> {
        let mut conn = self.db.conn().await?;
        let ids: Vec<Uuid> = conn.exec(sql, (*user.as_uuid(),)).await.map_err(map)?;
        Ok(ids.into_iter().map(UserId::from_uuid).collect())
    }
}

#[async_trait]
impl BlockRepository for MysqlBlocks {
    async fn block(
        &self,
        blocker: UserId,
        blocked: UserId,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            "INSERT IGNORE INTO blocks (blocker, blocked, at) VALUES (?, ?, ?)",
            (*blocker.as_uuid(), *blocked.as_uuid(), to_db_time(at)),
        )
        .await
        .map_err(map)
    }

    async fn unblock(&self, blocker: UserId, blocked: UserId) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            "DELETE FROM blocks WHERE blocker = ? AND blocked = ?",
            (*blocker.as_uuid(), *blocked.as_uuid()),
        )
        .await
        .map_err(map)
    }

    async fn blocked_by(&self, blocker: UserId) -> Result<Vec<(UserId, DateTime<Utc>)>, RepoError> {
        let mut conn = self.db.conn().await?;
        let rows: Vec<(Uuid, chrono::NaiveDateTime)> = conn
            .exec(
                "SELECT blocked, at FROM blocks WHERE blocker = ? ORDER BY at DESC, blocked DESC",
                (*blocker.as_uuid(),),
            )
            .await
            .map_err(map)?;
        Ok(rows
            .into_iter()
            .map(|(u, at)| (UserId::from_uuid(u), from_db_time(at)))
            .collect())
    }

    async fn blockers_of(&self, user: UserId) -> Result<Vec<UserId>, RepoError> {
        self.users("SELECT blocker FROM blocks WHERE blocked = ?", user)
            .await
    }
}
