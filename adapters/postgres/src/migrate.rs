//! Versioned schema migrations, embedded in the crate and applied at startup.
//!
//! PostgreSQL runs DDL inside transactions, so each migration is applied whole, with its
//! row in `schema_migrations`, or not at all: a process that dies half-way leaves the
//! schema as it was. The whole check-and-apply runs under a transaction-level advisory
//! lock, so servers starting together apply each migration once and the others wait,
//! then find nothing to do.

use chat_domain::RepoError;

use crate::error::map;
use crate::Db;

/// One schema change: its version (1, 2, …), a name, and its SQL.
pub struct Migration {
    /// Applied in increasing order; never reused.
    pub version: i32,
    /// A short name, recorded beside the version.
    pub name: &'static str,
    /// The statements, run as one batch in the migration's transaction.
    pub sql: &'static str,
}

/// Every migration this version knows, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "sync",
        sql: include_str!("../migrations/0002_sync.sql"),
    },
    Migration {
        version: 3,
        name: "sync_high_water",
        sql: include_str!("../migrations/0003_sync_high_water.sql"),
    },
    Migration {
        version: 4,
        name: "threads",
        sql: include_str!("../migrations/0004_threads.sql"),
    },
    Migration {
        version: 5,
        name: "thread_follows",
        sql: include_str!("../migrations/0005_thread_follows.sql"),
    },
    Migration {
        version: 6,
        name: "accounts",
        sql: include_str!("../migrations/0006_accounts.sql"),
    },
    Migration {
        version: 7,
        name: "webhooks",
        sql: include_str!("../migrations/0007_webhooks.sql"),
    },
    Migration {
        version: 8,
        name: "events",
        sql: include_str!("../migrations/0008_events.sql"),
    },
    Migration {
        version: 9,
        name: "blocks",
        sql: include_str!("../migrations/0009_blocks.sql"),
    },
    Migration {
        version: 10,
        name: "reports",
        sql: include_str!("../migrations/0010_reports.sql"),
    },
    Migration {
        version: 11,
        name: "removals",
        sql: include_str!("../migrations/0011_removals.sql"),
    },
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The advisory lock's first key: "chat" as a number, so another application's locks in
/// the same database are unlikely to share it. The second key is the schema's name
/// hashed: two deployments in two schemas of one database migrate independently.
const LOCK_CLASS: i32 = 0x6368_6174;
/// How long a starting server waits for another one's migrations.
const LOCK_WAIT: &str = "60s";

/// Brings the schema up to [`SCHEMA_VERSION`].
///
/// # Errors
/// `Conflict` if the database's schema is newer than this build; `Unavailable` if the
/// server fails or another process held the lock past the wait.
pub(crate) async fn run(db: &Db) -> Result<(), RepoError> {
    let mut conn = db.conn().await?;
    let tx = conn.transaction().await.map_err(map)?;
    match apply_pending(&tx).await {
        // The lock goes with the transaction.
        Ok(()) => tx.commit().await.map_err(map),
        Err(e) => {
            // Before answering, so the lock is not held past a refused start.
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

async fn apply_pending(tx: &deadpool_postgres::Transaction<'_>) -> Result<(), RepoError> {
    // Migrations may build indexes over large tables: no statement timeout for them,
    // only for the wait on the lock.
    tx.batch_execute(&format!(
        "SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = '{LOCK_WAIT}'"
    ))
    .await
    .map_err(map)?;
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))",
        &[&LOCK_CLASS],
    )
    .await
    .map_err(|e| {
        RepoError::Unavailable(format!(
            "waiting {LOCK_WAIT} for another process's schema migrations: {}",
            map(e)
        ))
    })?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )",
    )
    .await
    .map_err(map)?;
    let current: Option<i32> = tx
        .query_one("SELECT MAX(version) FROM schema_migrations", &[])
        .await
        .map_err(map)?
        .get(0);
    let current = current.unwrap_or(0);
    if current > SCHEMA_VERSION {
        return Err(RepoError::Conflict(format!(
            "the database schema is at version {current}, newer than the {SCHEMA_VERSION} \
             this server knows; run a newer server"
        )));
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        tx.batch_execute(m.sql).await.map_err(|e| {
            RepoError::Unavailable(format!("migration {} ({}): {}", m.version, m.name, map(e)))
        })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[&m.version, &m.name],
        )
        .await
        .map_err(map)?;
        tracing::info!(
            version = m.version,
            name = m.name,
            "applied schema migration"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_increase_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{}", m.name);
        }
    }
}
