//! Sessions in the `sessions` table, keyed by token hash, with their last use and
//! client in `session_uses`; revoking deletes both rows.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDateTime, Utc};
use mysql_async::prelude::Queryable;
use mysql_async::{Row, TxOpts};
use uuid::Uuid;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::ports::SessionRepository;
use chat_domain::values::{TokenHash, UserAgent};
use chat_domain::RepoError;

use crate::codec::{decode, from_db_time, to_db_time};
use crate::error::map;
use crate::Db;

/// The columns a session is read from, and the join that gives them.
const SELECT: &str = "SELECT s.token_hash, s.user_id, s.created_at, s.expires_at, \
     u.last_used_at, u.user_agent \
     FROM sessions s LEFT JOIN session_uses u ON u.token_hash = s.token_hash";

type SessionRow = (
    String,
    Uuid,
    NaiveDateTime,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<String>,
);

fn from_row(row: Row) -> Result<Session, RepoError> {
    let (hash, user_id, created_at, expires_at, last_used_at, user_agent): SessionRow =
        decode(row, "sessions row")?;
    Ok(Session {
        token_hash: TokenHash::from_hex(hash),
        user_id: UserId::from_uuid(user_id),
        created_at: from_db_time(created_at),
        expires_at: from_db_time(expires_at),
        last_used_at: from_db_time(last_used_at.unwrap_or(created_at)),
        user_agent: user_agent.as_deref().and_then(UserAgent::from_header),
    })
}

/// The [`SessionRepository`] on MySQL.
pub struct MysqlSessions {
    db: Db,
}

impl MysqlSessions {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn select(
        &self,
        filter: &str,
        params: impl Into<mysql_async::Params> + Send,
    ) -> Result<Vec<Session>, RepoError> {
        self.db
            .select(format!("{SELECT} {filter}"), params, from_row)
            .await
    }

    /// Deletes the sessions `filter` picks (over `s`, the sessions table), their uses
    /// first, in one transaction (a `touch` waits on the session rows it reads, so none
    /// comes back between), and returns how many sessions went.
    async fn delete(
        &self,
        filter: &str,
        params: impl Into<mysql_async::Params> + Clone + Send,
    ) -> Result<u64, RepoError> {
        let mut conn = self.db.conn().await?;
        let mut tx = conn
            .start_transaction(TxOpts::default())
            .await
            .map_err(map)?;
        let deleted = async {
            tx.exec_drop(
                format!("SELECT s.token_hash FROM sessions s WHERE {filter} FOR UPDATE"),
                params.clone(),
            )
            .await?;
            tx.exec_drop(
                format!(
                    "DELETE u FROM session_uses u JOIN sessions s \
                     ON s.token_hash = u.token_hash WHERE {filter}"
                ),
                params.clone(),
            )
            .await?;
            tx.exec_drop(format!("DELETE s FROM sessions s WHERE {filter}"), params)
                .await?;
            Ok::<_, mysql_async::Error>(tx.affected_rows())
        }
        .await;
        match deleted {
            Ok(n) => {
                tx.commit().await.map_err(map)?;
                Ok(n)
            }
            Err(e) => {
                let _ = tx.rollback().await;
                Err(map(e))
            }
        }
    }
}

#[async_trait]
impl SessionRepository for MysqlSessions {
    async fn create(&self, session: &Session) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        let mut tx = conn
            .start_transaction(TxOpts::default())
            .await
            .map_err(map)?;
        let written = async {
            tx.exec_drop(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
                 VALUES (?, ?, ?, ?)",
                (
                    session.token_hash.as_str(),
                    *session.user_id.as_uuid(),
                    to_db_time(session.created_at),
                    to_db_time(session.expires_at),
                ),
            )
            .await?;
            tx.exec_drop(
                "INSERT INTO session_uses (token_hash, last_used_at, user_agent) \
                 VALUES (?, ?, ?)",
                (
                    session.token_hash.as_str(),
                    to_db_time(session.last_used_at),
                    session.user_agent.as_ref().map(UserAgent::as_str),
                ),
            )
            .await
        }
        .await;
        match written {
            Ok(()) => tx.commit().await.map_err(map),
            Err(e) => {
                let _ = tx.rollback().await;
                Err(map(e))
            }
        }
    }

    async fn find_active(
        &self,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, RepoError> {
        Ok(self
            .select(
                "WHERE s.token_hash = ? AND s.expires_at > ?",
                (token_hash.as_str(), to_db_time(now)),
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
            "WHERE s.user_id = ? AND s.expires_at > ? ORDER BY s.created_at, s.token_hash",
            (*user_id.as_uuid(), to_db_time(now)),
        )
        .await
    }

    async fn touch(&self, token_hash: &TokenHash, at: DateTime<Utc>) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        // From the session row, so a revoked session gets no row back; a session from
        // before `session_uses` gets its first.
        conn.exec_drop(
            "INSERT INTO session_uses (token_hash, last_used_at) \
             SELECT token_hash, ? FROM sessions WHERE token_hash = ? \
             ON DUPLICATE KEY UPDATE last_used_at = GREATEST(last_used_at, VALUES(last_used_at))",
            (to_db_time(at), token_hash.as_str()),
        )
        .await
        .map_err(map)
    }

    async fn revoke(&self, token_hash: &TokenHash) -> Result<bool, RepoError> {
        let n = self
            .delete("s.token_hash = ?", (token_hash.as_str(),))
            .await?;
        Ok(n > 0)
    }

    async fn revoke_all(&self, user_id: UserId) -> Result<u64, RepoError> {
        self.delete("s.user_id = ?", (*user_id.as_uuid(),)).await
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        self.delete("s.expires_at <= ?", (to_db_time(now),)).await
    }
}
