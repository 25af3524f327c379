//! Users in the `users` table.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;
use uuid::Uuid;

use chat_domain::entities::{User, UserRole};
use chat_domain::ids::UserId;
use chat_domain::ports::UserRepository;
use chat_domain::values::{DisplayName, HostIdentity, PasswordHash, Username};
use chat_domain::RepoError;

use crate::codec::count;
use crate::error::{corrupt, map};
use crate::Db;

const COLUMNS: &str = "id, username, display_name, password_hash, role, banned, created_at, \
     bot, host_issuer, host_subject";

/// The [`UserRepository`] on PostgreSQL.
pub struct PostgresUsers {
    db: Db,
}

impl PostgresUsers {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    async fn select(
        &self,
        filter: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<User>, RepoError> {
        self.rows(&format!("SELECT {COLUMNS} FROM users {filter}"), params)
            .await
    }

    /// Runs `sql`, which returns [`COLUMNS`], and reads its users.
    async fn rows(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<User>, RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn.prepare_cached(sql).await.map_err(map)?;
        let rows = conn.query(&statement, params).await.map_err(map)?;
        rows.iter().map(from_row).collect()
    }
}

fn from_row(row: &Row) -> Result<User, RepoError> {
    let get = |e: tokio_postgres::Error| corrupt("users row", e);
    let username: String = row.try_get(1).map_err(get)?;
    let display_name: String = row.try_get(2).map_err(get)?;
    let role: String = row.try_get(4).map_err(get)?;
    let issuer: Option<String> = row.try_get(8).map_err(get)?;
    let subject: Option<String> = row.try_get(9).map_err(get)?;
    let host = match (issuer, subject) {
        (Some(issuer), Some(subject)) => Some(
            HostIdentity::parse(&issuer, &subject).map_err(|e| corrupt("users.host_subject", e))?,
        ),
        _ => None,
    };
    Ok(User {
        id: UserId::from_uuid(row.try_get(0).map_err(get)?),
        username: Username::parse(&username).map_err(|e| corrupt("users.username", e))?,
        display_name: DisplayName::from_stored(&display_name)
            .map_err(|e| corrupt("users.display_name", e))?,
        password_hash: row
            .try_get::<_, Option<String>>(3)
            .map_err(get)?
            .map(PasswordHash::new),
        role: match role.as_str() {
            "admin" => UserRole::Admin,
            "user" => UserRole::User,
            other => return Err(corrupt("users.role", other)),
        },
        banned: row.try_get(5).map_err(get)?,
        created_at: row.try_get::<_, DateTime<Utc>>(6).map_err(get)?,
        bot: row.try_get(7).map_err(get)?,
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
impl UserRepository for PostgresUsers {
    async fn create(&self, user: &User) -> Result<(), RepoError> {
        let conn = self.db.conn().await?;
        let statement = conn
            .prepare_cached(
                "INSERT INTO users (id, username, username_key, display_name, password_hash, \
                 role, banned, created_at, bot, host_issuer, host_subject) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .await
            .map_err(map)?;
        conn.execute(
            &statement,
            &[
                user.id.as_uuid(),
                &user.username.as_str(),
                &user.username.key(),
                &user.display_name.as_str(),
                &user.password_hash.as_ref().map(PasswordHash::as_str),
                &role_str(user.role),
                &user.banned,
                &user.created_at,
                &user.bot,
                &user.host.as_ref().map(HostIdentity::issuer),
                &user.host.as_ref().map(HostIdentity::subject),
            ],
        )
        .await
        .map(drop)
        .map_err(map)
    }

    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        self.select("WHERE id = $1", &[id.as_uuid()])
            .await?
            .pop()
            .ok_or_else(|| RepoError::NotFound(format!("user {id}")))
    }

    async fn get_many(&self, ids: &[UserId]) -> Result<Vec<User>, RepoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = ids.iter().map(|id| *id.as_uuid()).collect();
        self.select("WHERE id = ANY($1)", &[&ids]).await
    }

    async fn find_by_username(&self, username: &Username) -> Result<Option<User>, RepoError> {
        Ok(self
            .select("WHERE username_key = $1", &[&username.key()])
            .await?
            .pop())
    }

    async fn find_by_host(&self, host: &HostIdentity) -> Result<Option<User>, RepoError> {
        Ok(self
            .select(
                "WHERE host_issuer = $1 AND host_subject = $2",
                &[&host.issuer(), &host.subject()],
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
        let after = after.map(str::to_ascii_lowercase).unwrap_or_default();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        // Every key is greater than "": one statement for the first page and the next.
        self.select(
            "WHERE username_key LIKE $1 ESCAPE '!' AND username_key > $2 \
             ORDER BY username_key LIMIT $3",
            &[&pattern, &after, &limit],
        )
        .await
    }

    async fn set_banned(&self, id: UserId, banned: bool) -> Result<User, RepoError> {
        self.rows(
            &format!("UPDATE users SET banned = $1 WHERE id = $2 RETURNING {COLUMNS}"),
            &[&banned, id.as_uuid()],
        )
        .await?
        .pop()
        .ok_or_else(|| RepoError::NotFound(format!("user {id}")))
    }

    async fn ping(&self) -> Result<(), RepoError> {
        self.db.ping().await
    }

    async fn count(&self) -> Result<u64, RepoError> {
        let conn = self.db.conn().await?;
        let row = conn
            .query_one("SELECT COUNT(*) FROM users", &[])
            .await
            .map_err(map)?;
        count(row.get(0), "users count")
    }

    async fn created_per_hour(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, u64)>, RepoError> {
        let conn = self.db.conn().await?;
        let rows = conn
            .query(
                "SELECT floor(extract(epoch FROM created_at) / 3600)::bigint AS hour, count(*) \
                 FROM users WHERE created_at >= $1 GROUP BY hour ORDER BY hour",
                &[&since],
            )
            .await
            .map_err(map)?;
        rows.iter()
            .map(|row| {
                let hour: i64 = row.get(0);
                let at = DateTime::from_timestamp(hour * 3600, 0)
                    .ok_or_else(|| corrupt("users.created_at", hour))?;
                Ok((at, count(row.get(1), "users per hour")?))
            })
            .collect()
    }
}
