//! Storage ports on PostgreSQL, through `tokio-postgres` and a `deadpool-postgres` pool.
//!
//! Safe across many server processes sharing one database: seqs are allocated by a
//! counter row updated in the append's own transaction (its row lock is held to commit),
//! idempotent retries are caught by a unique index, direct conversations are one per pair
//! by a unique index. Appends that arrive together share one transaction, so one WAL
//! flush acks them all. The schema lives in versioned migrations embedded in the crate
//! and applied by [`connect`] under an advisory lock.
//!
//! ```no_run
//! # async fn f() -> Result<(), chat_domain::RepoError> {
//! use chat_adapter_postgres::PostgresConfig;
//! let config = PostgresConfig::new("postgres://postgres@127.0.0.1:5432/chat");
//! let storage = chat_adapter_postgres::connect(&config).await?;
//! // storage.users, .sessions, .conversations, .messages: the storage ports.
//! storage.close().await;
//! # Ok(()) }
//! ```

mod blocks;
mod codec;
mod conversations;
mod db;
mod error;
mod follows;
mod messages;
mod migrate;
mod outbox;
mod records;
mod reports;
mod sessions;
mod stamps;
pub mod testing;
mod users;
mod webhooks;

use std::sync::Arc;
use std::time::Duration;

use chat_domain::ports::{Shutdown, Storage};
use chat_domain::RepoError;

use blocks::PostgresBlocks;
use conversations::PostgresConversations;
pub(crate) use db::Db;
use messages::PostgresMessages;
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
use outbox::PostgresOutbox;
use reports::PostgresReports;
use sessions::PostgresSessions;
use users::PostgresUsers;
use webhooks::PostgresWebhooks;

/// How to reach the database and how many connections to keep.
#[derive(Clone, Debug)]
pub struct PostgresConfig {
    /// `postgres://user:password@host:port/database` (any libpq-style URL
    /// `tokio-postgres` reads, `?options=-c%20search_path%3Dchat` included).
    pub url: String,
    /// Most connections open at once (the pool's upper bound).
    pub pool_max: usize,
    /// How long a query may wait for a free connection, or for the server to accept a
    /// new one, before it fails with `Unavailable`.
    pub acquire_timeout: Duration,
    /// How long one statement may run on the server (`statement_timeout`) and an
    /// append's whole transaction may take, commit included, before it fails with
    /// `Unavailable` (the message may then be stored; a retry with its client id finds
    /// it). Guards against a database that stops answering without closing connections.
    pub write_timeout: Duration,
    /// Whether a task indexes new messages for search as they arrive (the default). Off
    /// for a bulk copy: a search still indexes what it needs first, and the next start
    /// with it on indexes the rest.
    pub background_indexing: bool,
}

impl PostgresConfig {
    /// Defaults for `url`: a pool of up to 32 connections, a 5-second acquire timeout, a
    /// 10-second write timeout.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            pool_max: 32,
            acquire_timeout: Duration::from_secs(5),
            write_timeout: Duration::from_secs(10),
            background_indexing: true,
        }
    }
}

/// Connects, brings the schema up to date (see [`MIGRATIONS`]) and hands out the storage
/// ports, all over one connection pool. Closing the bundle closes the pool.
///
/// # Errors
/// [`RepoError::Unavailable`] if the URL is malformed or the server cannot be reached;
/// [`RepoError::Conflict`] if the database's schema is newer than this version knows
/// (run the newer server, or restore).
pub async fn connect(config: &PostgresConfig) -> Result<Storage, RepoError> {
    let db = Db::new(config)?;
    migrate::run(&db).await?;
    db::warn_if_not_durable(&db).await;
    let storage = Storage::new(
        Arc::new(PostgresUsers::new(db.clone())),
        Arc::new(PostgresSessions::new(db.clone())),
        Arc::new(PostgresConversations::new(db.clone())),
        Arc::new(PostgresMessages::new(
            db.clone(),
            config.background_indexing,
        )),
        Arc::new(follows::PostgresFollows::new(db.clone())),
        Arc::new(PostgresWebhooks::new(db.clone())),
        Arc::new(PostgresOutbox::new(db.clone())),
        Arc::new(PostgresBlocks::new(db.clone())),
        Arc::new(PostgresReports::new(db.clone())),
    );
    Ok(storage.closed_by(Arc::new(db)))
}

#[async_trait::async_trait]
impl Shutdown for Db {
    async fn close(&self) {
        // Commits are durable when acked; closing only lets go of the connections.
        self.close();
    }
}
