//! Sessions in the `sessions` table, keyed by token hash; revoking deletes the row.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio_postgres::types::ToSql;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::ports::SessionRepository;
use chat_domain::values::{TokenHash, UserAgent};
use chat_domain::RepoError;

use tokio_postgres::Row;

use crate::error::{corrupt, map};
use crate::Db;

/// The columns a session is read from.
const COLUMNS: &str = "token_hash, user_id, created_at, expires_at, last_used_at, user_agent";

fn from_row(row: &Row) -> Result<Session, RepoError> {
    let get = |e| corrupt("sessions row", e);
    let created_at = row.try_get(2).map_err(get)?;
    Ok(Session {
        token_hash: TokenHash::from_hex(row.try_get::<_, String>(0).map_err(get)?),
        user_id: UserId::from_uuid(row.try_get(1).map_err(get)?),
        created_at,
        expires_at: row.try_get(3).map_err(get)?,
        last_used_at: row
            .try_get::<_, Option<DateTime<Utc>>>(4)
            .map_err(get)?
            .unwrap_or(created_at),
        user_agent: row
            .try_get::<_, Option<String>>(5)
            .map_err(get)?
            .as_deref()
            .and_then(UserAgent::from_header),
    })
}

/// The [`SessionRepository`] on PostgreSQL.
pub struct PostgresSessions {
    db: Db,
}

impl PostgresSessions {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn select(
        &self,
        filter: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Session>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM sessions {filter}"))
            .await
            .map_err(map)?;
        let rows = conn.query(&statement, params).await.map_err(map)?;
        rows.iter().map(from_row).collect()
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
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_used_at, \
             user_agent) VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &session.token_hash.as_str(),
                session.user_id.as_uuid(),
                &session.created_at,
                &session.expires_at,
                &session.last_used_at,
                &session.user_agent.as_ref().map(UserAgent::as_str),
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
        Ok(self
            .select(
                "WHERE token_hash = $1 AND expires_at > $2",
                &[&token_hash.as_str(), &now],
            )
            .await?
            .pop())
    }

    async fn list_active(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError> {
        self.select(
            "WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at, token_hash",
            &[user_id.as_uuid(), &now],
        )
        .await
    }

    async fn touch(&self, token_hash: &TokenHash, at: DateTime<Utc>) -> Result<(), RepoError> {
        self.execute(
            "UPDATE sessions SET last_used_at = $2 WHERE token_hash = $1 \
             AND (last_used_at IS NULL OR last_used_at < $2)",
            &[&token_hash.as_str(), &at],
        )
        .await
        .map(drop)
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
