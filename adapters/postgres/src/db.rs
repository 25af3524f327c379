//! The shared pool: connection settings, acquire timeouts, and the durability check.

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

use chat_domain::RepoError;

use crate::error::map;
use crate::PostgresConfig;

/// The pool and the timeouts its users apply.
#[derive(Clone)]
pub(crate) struct Db {
    pool: Pool,
    acquire_timeout: Duration,
    /// Bounds an append's whole transaction.
    pub(crate) write_timeout: Duration,
}

impl Db {
    pub(crate) fn new(config: &PostgresConfig) -> Result<Self, RepoError> {
        let mut pg: tokio_postgres::Config = config
            .url
            .parse()
            .map_err(|e| RepoError::Unavailable(format!("bad PostgreSQL URL: {e}")))?;
        // A server that stops answering is given up on: new connections within the
        // acquire timeout, statements within the write timeout, and a peer that vanished
        // without closing the connection is noticed by TCP keepalive.
        let options = format!(
            "{} -c statement_timeout={} -c idle_in_transaction_session_timeout={}",
            pg.get_options().unwrap_or(""),
            config.write_timeout.as_millis(),
            config.write_timeout.as_millis() * 2,
        );
        pg.options(options.trim())
            .connect_timeout(config.acquire_timeout)
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(10))
            .keepalives_interval(Duration::from_secs(5))
            .keepalives_retries(3)
            .application_name("chat-server");
        // Fast recycling: a connection the server or network closed reports itself
        // closed and is replaced; no probe query on every checkout.
        let manager = Manager::from_config(
            pg,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(config.pool_max.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(config.acquire_timeout))
            .create_timeout(Some(config.acquire_timeout))
            .recycle_timeout(Some(config.acquire_timeout))
            .build()
            .map_err(|e| RepoError::Unavailable(format!("PostgreSQL pool: {e}")))?;
        Ok(Self {
            pool,
            acquire_timeout: config.acquire_timeout,
            write_timeout: config.write_timeout,
        })
    }

    /// A pooled connection, or `Unavailable` when none comes within the timeout.
    pub(crate) async fn conn(&self) -> Result<Object, RepoError> {
        // The pool's own timeouts bound each step; this bounds them together.
        match tokio::time::timeout(self.acquire_timeout * 2, self.pool.get()).await {
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(e)) => Err(RepoError::Unavailable(format!("postgres pool: {e}"))),
            Err(_) => Err(RepoError::Unavailable(format!(
                "no PostgreSQL connection within {:?}",
                self.acquire_timeout
            ))),
        }
    }

    /// Whether the database answers (`SELECT 1`), for health probes.
    pub(crate) async fn ping(&self) -> Result<(), RepoError> {
        let conn = self.conn().await?;
        conn.simple_query("SELECT 1").await.map(drop).map_err(map)
    }

    /// Closes the pool: connections in use close as they come back.
    pub(crate) fn close(&self) {
        self.pool.close();
    }
}

/// An ack means the message is on disk only if every commit waits for its WAL flush and
/// the server really flushes; say so loudly when it does not.
pub(crate) async fn warn_if_not_durable(db: &Db) {
    let Ok(conn) = db.conn().await else { return };
    let Ok(row) = conn
        .query_one(
            "SELECT current_setting('synchronous_commit'), current_setting('fsync')",
            &[],
        )
        .await
    else {
        return;
    };
    let (commit, fsync): (String, String) = (row.get(0), row.get(1));
    if commit == "off" || fsync != "on" {
        tracing::warn!(
            synchronous_commit = %commit,
            fsync = %fsync,
            "the database does not make every commit durable: acked messages can be lost \
             if it crashes; set synchronous_commit = on and fsync = on"
        );
    }
}
