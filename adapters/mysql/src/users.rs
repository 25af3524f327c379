//! Users in the `users` table; bots and a host's users also have a row in
//! `user_origins`.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDateTime, Utc};
use mysql_async::prelude::Queryable;
use mysql_async::{Params, Row, TxOpts};
use uuid::Uuid;

use chat_domain::entities::{User, UserRole};
use chat_domain::ids::UserId;
use chat_domain::ports::UserRepository;
use chat_domain::values::{DisplayName, HostIdentity, PasswordHash, Username};
use chat_domain::RepoError;

use crate::codec::{decode, from_db_time, to_db_time};
use crate::error::{corrupt, map};
use crate::Db;

/// The columns a user is read from, and the join that gives them.
const SELECT: &str = "SELECT id, username, display_name, password_hash, role, banned, \
     created_at, o.bot, o.host_issuer, o.host_subject \
     FROM users LEFT JOIN user_origins o ON o.user_id = users.id";

/// The [`UserRepository`] on MySQL.
pub struct MysqlUsers {
    db: Db,
}

impl MysqlUsers {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn select(
        &self,
        filter: &str,
        params: impl Into<Params> + Send,
    ) -> Result<Vec<User>, RepoError> {
        self.db
            .select(format!("{SELECT} {filter}"), params, from_row)
            .await
    }
}

type UserRow = (
    Uuid,
    String,
    String,
    String,
    String,
    bool,
    NaiveDateTime,
    Option<bool>,
    Option<String>,
    Option<String>,
);

fn from_row(row: Row) -> Result<User, RepoError> {
    let (id, username, display_name, password_hash, role, banned, created_at, bot, issuer, subject): UserRow =
        decode(row, "users row")?;
    let host = match (issuer, subject) {
        (Some(issuer), Some(subject)) => Some(
            HostIdentity::parse(&issuer, &subject)
                .map_err(|e| corrupt("user_origins.host_subject", e))?,
        ),
        _ => None,
    };
    Ok(User {
        id: UserId::from_uuid(id),
        username: Username::parse(&username).map_err(|e| corrupt("users.username", e))?,
        display_name: DisplayName::from_stored(&display_name)
            .map_err(|e| corrupt("users.display_name", e))?,
        // '' for an account without a password.
        password_hash: (!password_hash.is_empty()).then(|| PasswordHash::new(password_hash)),
        role: match role.as_str() {
            "admin" => UserRole::Admin,
            "user" => UserRole::User,
            other => return Err(corrupt("users.role", other)),
        },
        banned,
        created_at: from_db_time(created_at),
        bot: bot.unwrap_or(false),
        host,
    })
}

fn role_str(role: UserRole) -> &'static str {
    match role {
        UserRole::Admin => "admin",
        UserRole::User => "user",
    }
}

#[async_trait]
impl UserRepository for MysqlUsers {
    async fn create(&self, user: &User) -> Result<(), RepoError> {
        let mut conn = self.db.conn().await?;
        let mut tx = conn
            .start_transaction(TxOpts::default())
            .await
            .map_err(map)?;
        let written = async {
            tx.exec_drop(
                "INSERT INTO users (id, username, username_key, display_name, password_hash, \
                 role, banned, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *user.id.as_uuid(),
                    user.username.as_str(),
                    user.username.key(),
                    user.display_name.as_str(),
                    user.password_hash.as_ref().map_or("", |h| h.as_str()),
                    role_str(user.role),
                    user.banned,
                    to_db_time(user.created_at),
                ),
            )
            .await?;
            if user.bot || user.host.is_some() {
                tx.exec_drop(
                    "INSERT INTO user_origins (user_id, bot, host_issuer, host_subject) \
                     VALUES (?, ?, ?, ?)",
                    (
                        *user.id.as_uuid(),
                        user.bot,
                        user.host.as_ref().map(HostIdentity::issuer),
                        user.host.as_ref().map(HostIdentity::subject),
                    ),
                )
                .await?;
            }
            Ok::<_, mysql_async::Error>(())
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

    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        self.select("WHERE users.id = ?", (*id.as_uuid(),))
            .await?
            .pop()
            .ok_or_else(|| RepoError::NotFound(format!("user {id}")))
    }

    async fn get_many(&self, ids: &[UserId]) -> Result<Vec<User>, RepoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let params: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
        self.select(&format!("WHERE users.id IN ({marks})"), params)
            .await
    }

    async fn find_by_username(&self, username: &Username) -> Result<Option<User>, RepoError> {
        Ok(self
            .select("WHERE username_key = ?", (username.key(),))
            .await?
            .pop())
    }

    async fn find_by_host(&self, host: &HostIdentity) -> Result<Option<User>, RepoError> {
        Ok(self
            .select(
                "WHERE o.host_issuer = ? AND o.host_subject = ?",
                (host.issuer(), host.subject()),
            )
            .await?
            .pop())
    }

    async fn search(
        &self,
        prefix: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<User>, RepoError> {
        let pattern = chat_sql_kit::like::starts_with(&prefix.to_ascii_lowercase());
        let limit = limit as u64;
        match after {
            Some(after) => {
                self.select(
                    "WHERE username_key LIKE ? ESCAPE '!' AND username_key > ? \
                     ORDER BY username_key LIMIT ?",
                    (pattern, after.to_ascii_lowercase(), limit),
                )
                .await
            }
            None => {
                self.select(
                    "WHERE username_key LIKE ? ESCAPE '!' ORDER BY username_key LIMIT ?",
                    (pattern, limit),
                )
                .await
            }
        }
    }

    async fn set_banned(&self, id: UserId, banned: bool) -> Result<User, RepoError> {
        let mut conn = self.db.conn().await?;
        conn.exec_drop(
            "UPDATE users SET banned = ? WHERE id = ?",
            (banned, *id.as_uuid()),
        )
        .await
        .map_err(map)?;
        drop(conn);
        // Affected rows is 0 both for "no such user" and "already so": read it back.
        self.get(id).await
    }

    async fn ping(&self) -> Result<(), RepoError> {
        self.db.ping().await
    }

    async fn count(&self) -> Result<u64, RepoError> {
        let mut conn = self.db.conn().await?;
        let n: Option<u64> = conn
            .query_first("SELECT COUNT(*) FROM users")
            .await
            .map_err(map)?;
        Ok(n.unwrap_or(0))
    }

    async fn created_per_hour(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, u64)>, RepoError> {
        let mut conn = self.db.conn().await?;
        // TIMESTAMPDIFF on DATETIME reads no session time zone: the column holds UTC.
        let rows: Vec<(i64, u64)> = conn
            .exec(
                "SELECT TIMESTAMPDIFF(HOUR, '1970-01-01 00:00:00', created_at) AS hour, COUNT(*) FROM users WHERE created_at >= ? GROUP BY hour ORDER BY hour",
                (to_db_time(since),),
            )
            .await
            .map_err(map)?;
        rows.into_iter()
            .map(|(hour, n)| {
                DateTime::from_timestamp(hour * 3600, 0)
                    .map(|at| (at, n))
                    .ok_or_else(|| corrupt("users.created_at", hour))
            })
            .collect()
    }
}
