//! Sessions in the `sessions` table, keyed by token hash; revoking deletes the row.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDateTime, Utc};
use mysql_async::prelude::Queryable;
use mysql_async::Row;
use uuid::Uuid;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::ports::SessionRepository;
use chat_domain::values::TokenHash;
use chat_domain::RepoError;

use crate::codec::{decode, from_db_time, to_db_time};
use crate::error::map;
use crate::Db;

/// The [`SessionRepository`] on MySQL.
pub struct MysqlSessions {
    db: Db,
}

impl MysqlSessions {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    /// Runs one write and returns how many rows it touched.
    async fn delete(
        &self,
        sql: &str,
        params: impl Into<mysql_async::Params> + Send,
    ) -> Result<u64, RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(sql, params).await.map_err(map)?;
        Ok(conn.affected_rows())
    }
}

#[async_trait]
impl SessionRepository for MysqlSessions {
    async fn create(&self, session: &Session) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
             VALUES (?, ?, ?, ?)",
            (
                session.token_hash.as_str(),
                *session.user_id.as_uuid(),
                to_db_time(session.created_at),
                to_db_time(session.expires_at),
            ),
        )
        .await
        .map_err(map)
    }

    async fn find_active(
        &self,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, RepoError> {
        let mut conn = self.db.conn().await?;
        let row: Option<Row> = conn
            .exec_first(
                "SELECT user_id, created_at, expires_at FROM sessions \
                 WHERE token_hash = ? AND expires_at > ?",
                (token_hash.as_str(), to_db_time(now)),
            )
            .await
            .map_err(map)?;
        let Some(row) = row else { return Ok(None) };
        let (user_id, created_at, expires_at): (Uuid, NaiveDateTime, NaiveDateTime) =
            decode(row, "sessions row")?;
        Ok(Some(Session {
            token_hash: token_hash.clone(),
            user_id: UserId::from_uuid(user_id),
            created_at: from_db_time(created_at),
            expires_at: from_db_time(expires_at),
        }))
    }

    async fn list_active(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError> {
        let mut conn = self.db.conn().await?;
        let rows: Vec<Row> = conn
            .exec(
                "SELECT token_hash, created_at, expires_at FROM sessions \
                 WHERE user_id = ? AND expires_at > ? ORDER BY created_at, token_hash",
                (*user_id.as_uuid(), to_db_time(now)),
            )
            .await
            .map_err(map)?;
        rows.into_iter()
            .map(|row| {
                let (hash, created_at, expires_at): (String, NaiveDateTime, NaiveDateTime) =
                    decode(row, "sessions row")?;
                Ok(Session {
                    token_hash: TokenHash::from_hex(hash),
                    user_id,
                    created_at: from_db_time(created_at),
                    expires_at: from_db_time(expires_at),
                })
            })
            .collect()
    }

    async fn revoke(&self, token_hash: &TokenHash) -> Result<bool, RepoError> {
        let n = self
            .delete(
                "DELETE FROM sessions WHERE token_hash = ?",
                (token_hash.as_str(),),
            )
            .await?;
        Ok(n > 0)
    }

    async fn revoke_all(&self, user_id: UserId) -> Result<u64, RepoError> {
        self.delete(
            "DELETE FROM sessions WHERE user_id = ?",
            (*user_id.as_uuid(),),
        )
        .await
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        self.delete(
            "DELETE FROM sessions WHERE expires_at <= ?",
            (to_db_time(now),),
        )
        .await
    }
}
