//! Storage ports on MySQL or MariaDB, through `mysql_async`.
//!
//! Safe across many server processes sharing one database: seqs are allocated under a
//! row lock in the same transaction as the insert, idempotent retries are caught by a
//! unique key, direct conversations are one per pair by a unique key. The schema lives
//! in versioned migrations embedded in the crate and applied by [`connect`].
//!
//! ```no_run
//! # async fn f() -> Result<(), chat_domain::RepoError> {
//! use chat_adapter_mysql::MysqlConfig;
//! let storage = chat_adapter_mysql::connect(&MysqlConfig::new("mysql://root@127.0.0.1:3306/chat")).await?;
//! // storage.users, .sessions, .conversations, .messages: the storage ports.
//! storage.close().await;
//! # Ok(()) }
//! ```

mod blocks;
mod codec;
mod conversations;
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
use mysql_async::{Opts, OptsBuilder, Pool, PoolConstraints, PoolOpts};

use blocks::MysqlBlocks;
use conversations::MysqlConversations;
use follows::MysqlFollows;
use messages::MysqlMessages;
pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
use outbox::MysqlOutbox;
use reports::MysqlReports;
use sessions::MysqlSessions;
use users::MysqlUsers;
use webhooks::MysqlWebhooks;

/// How to reach the database and how many connections to keep.
#[derive(Clone, Debug)]
pub struct MysqlConfig {
    /// `mysql://user:password@host:port/database`.
    pub url: String,
    /// Most connections open at once (the pool's upper bound).
    pub pool_max: usize,
    /// How long a query may wait for a free connection or for the server to answer a
    /// connect before it fails with `Unavailable`.
    pub acquire_timeout: Duration,
    /// How long an append's transaction may take, commit included, before it fails with
    /// `Unavailable` (the message may then be stored; a retry with its client id finds
    /// it). Guards against a database that stops answering without closing connections.
    pub write_timeout: Duration,
    /// Whether a task indexes new messages for search as they arrive (the default). Off
    /// for a bulk copy: a search still indexes what it needs first, and the next start
    /// with it on indexes the rest.
    pub background_indexing: bool,
}

impl MysqlConfig {
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
/// ports, all over one connection pool. Closing the bundle closes the pool, waiting for
/// connections in use to come back.
///
/// # Errors
/// [`RepoError::Unavailable`] if the URL is malformed or the server cannot be reached;
/// [`RepoError::Conflict`] if the database's schema is newer than this version knows
/// (run the newer server, or restore).
pub async fn connect(config: &MysqlConfig) -> Result<Storage, RepoError> {
    let db = Db::new(config)?;
    migrate::run(&db).await?;
    warn_if_not_durable(&db).await;
    let storage = Storage::new(
        Arc::new(MysqlUsers::new(db.clone())),
        Arc::new(MysqlSessions::new(db.clone())),
        Arc::new(MysqlConversations::new(db.clone())),
        Arc::new(MysqlMessages::new(db.clone(), config.background_indexing)),
        Arc::new(MysqlFollows::new(db.clone())),
        Arc::new(MysqlWebhooks::new(db.clone())),
        Arc::new(MysqlOutbox::new(db.clone())),
        Arc::new(MysqlBlocks::new(db.clone())),
        Arc::new(MysqlReports::new(db.clone())),
    );
    Ok(storage.closed_by(Arc::new(db)))
}

#[async_trait::async_trait]
impl Shutdown for Db {
    async fn close(&self) {
        if let Err(e) = self.pool.clone().disconnect().await {
            tracing::warn!(error = %e, "closing the MySQL pool");
        }
    }
}

/// An ack means the message is on disk only if the server flushes its log at every
/// commit; say so loudly when it does not.
async fn warn_if_not_durable(db: &Db) {
    use mysql_async::prelude::Queryable;
    let Ok(mut conn) = db.conn().await else {
        return;
    };
    let settings: Result<Option<(u32, u32, u32)>, _> = conn
        .query_first("SELECT @@innodb_flush_log_at_trx_commit, @@log_bin, @@sync_binlog")
        .await;
    if let Ok(Some((flush, log_bin, sync_binlog))) = settings {
        if flush != 1 || (log_bin == 1 && sync_binlog != 1) {
            tracing::warn!(
                innodb_flush_log_at_trx_commit = flush,
                log_bin,
                sync_binlog,
                "the database does not make every commit durable: acked messages can be \
                 lost if its machine loses power; set innodb_flush_log_at_trx_commit = 1 \
                 (and sync_binlog = 1 with binary logging on)"
            );
        }
    }
}

/// The shared pool and the timeout for getting a connection from it.
#[derive(Clone)]
pub(crate) struct Db {
    pool: Pool,
    acquire_timeout: Duration,
    /// Bounds an append's whole transaction.
    pub(crate) write_timeout: Duration,
}

impl Db {
    fn new(config: &MysqlConfig) -> Result<Self, RepoError> {
        let opts = Opts::from_url(&config.url)
            .map_err(|e| RepoError::Unavailable(format!("bad MySQL URL: {e}")))?;
        let constraints = PoolConstraints::new(0, config.pool_max.max(1)).unwrap_or_default();
        // Connections are not reset when they return to the pool: that would drop the
        // prepared statements and the session settings below. (An open transaction is
        // still rolled back.)
        // Idle connections stay pooled (up to the maximum) for a minute: with no
        // idle time to live, the pool keeps only its minimum (none) and every query
        // would pay a new connection.
        let pool = PoolOpts::default()
            .with_constraints(constraints)
            .with_inactive_connection_ttl(Duration::from_secs(60))
            .with_reset_connection(false);
        let opts = OptsBuilder::from_opts(opts)
            .pool_opts(pool)
            // utf8mb4 for emoji; READ COMMITTED so an append locks only the rows it
            // touches (no gap locks between concurrent senders); UTC for NOW(). `setup`
            // runs on every new connection and again after any reset.
            .setup(vec![
                "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci",
                "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
                "SET time_zone = '+00:00'",
            ])
            // UPDATE reports matched rows, so "changed nothing" differs from "no such row".
            .client_found_rows(true)
            // A database host that vanishes without closing the connection is noticed.
            .tcp_keepalive(Some(Duration::from_secs(10)))
            .stmt_cache_size(64);
        Ok(Self {
            pool: Pool::new(opts),
            acquire_timeout: config.acquire_timeout,
            write_timeout: config.write_timeout,
        })
    }

    /// Whether the database answers (`SELECT 1`), for health probes: counting rows is
    /// a scan on InnoDB.
    pub(crate) async fn ping(&self) -> Result<(), RepoError> {
        use mysql_async::prelude::Queryable;
        let mut conn = self.conn().await?;
        conn.query_drop("SELECT 1").await.map_err(error::map)
    }

    /// The rows `sql` selects with `params`, each read by `read`.
    pub(crate) async fn select<T>(
        &self,
        sql: String,
        params: impl Into<mysql_async::Params> + Send,
        read: fn(mysql_async::Row) -> Result<T, RepoError>,
    ) -> Result<Vec<T>, RepoError> {
        use mysql_async::prelude::Queryable;
        let mut conn = self.conn().await?;
        let rows: Vec<mysql_async::Row> = conn.exec(sql, params).await.map_err(error::map)?;
        rows.into_iter().map(read).collect()
    }

    /// A pooled connection, or `Unavailable` when none comes within the timeout.
    pub(crate) async fn conn(&self) -> Result<mysql_async::Conn, RepoError> {
        match tokio::time::timeout(self.acquire_timeout, self.pool.get_conn()).await {
            Ok(result) => result.map_err(error::map),
            Err(_) => Err(RepoError::Unavailable(format!(
                "no MySQL connection within {:?}",
                self.acquire_timeout
            ))),
        }
    }
}
