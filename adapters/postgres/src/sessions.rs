//! Sessions in the `sessions` table, keyed by token hash; revoking deletes the row.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio_postgres::types::ToSql;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::ports::SessionRepository;
use chat_domain::values::TokenHash;
use chat_domain::RepoError;

use crate::error::{corrupt, map};
use crate::Db;

/// The [`SessionRepository`] on PostgreSQL.
pub struct PostgresSessions {
    db: Db,
}

impl PostgresSessions {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    /// Runs one write and returns how many rows it touched.
    async fn execute(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        conn.execute(&statement, params).await.map_err(map)
    }
}

#[async_trait]
impl SessionRepository for PostgresSessions {
    async fn create(&self, session: &Session) -> Result<(), RepoError> {
        self.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
            &[
                &session.token_hash.as_str(),
                session.user_id.as_uuid(),
                &session.created_at,
                &session.expires_at,
            ],
        )
        .await
        .map(drop)
    }

    async fn find_active(
        &self,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT user_id, created_at, expires_at FROM sessions \
                 WHERE token_hash = $1 AND expires_at > $2",
            )
            .await
            .map_err(map)?;
        let row = conn
            .query_opt(&statement, &[&token_hash.as_str(), &now])
            .await
            .map_err(map)?;
        let Some(row) = row else { return Ok(None) };
        let get = |e| corrupt("sessions row", e);
        Ok(Some(Session {
            token_hash: token_hash.clone(),
            user_id: UserId::from_uuid(row.try_get(0).map_err(get)?),
            created_at: row.try_get(1).map_err(get)?,
            expires_at: row.try_get(2).map_err(get)?,
        }))
    }

    async fn list_active(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "SELECT token_hash, created_at, expires_at FROM sessions \
                 WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at, token_hash",
            )
            .await
            .map_err(map)?;
        let rows = conn
            .query(&statement, &[user_id.as_uuid(), &now])
            .await
            .map_err(map)?;
        rows.iter()
            .map(|row| {
                let get = |e| corrupt("sessions row", e);
                Ok(Session {
                    token_hash: TokenHash::from_hex(row.try_get::<_, String>(0).map_err(get)?),
                    user_id,
                    created_at: row.try_get(1).map_err(get)?,
                    expires_at: row.try_get(2).map_err(get)?,
                })
            })
            .collect()
    }

    async fn revoke(&self, token_hash: &TokenHash) -> Result<bool, RepoError> {
        let n = self
            .execute(
                "DELETE FROM sessions WHERE token_hash = $1",
                &[&token_hash.as_str()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn revoke_all(&self, user_id: UserId) -> Result<u64, RepoError> {
        self.execute(
            "DELETE FROM sessions WHERE user_id = $1",
            &[user_id.as_uuid()],
        )
        .await
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        self.execute("DELETE FROM sessions WHERE expires_at <= $1", &[&now])
            .await
    }
}
