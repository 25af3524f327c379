//! Versioned schema migrations, embedded in the crate and applied at startup.
//!
//! Each migration runs once and is recorded in `schema_migrations`. MySQL commits DDL
//! implicitly, so a migration is written to be safe to run again (`IF NOT EXISTS`):
//! a process that dies half-way through one simply reruns it. A named lock keeps two
//! servers starting together from applying the same migration at once.

use chrono::Utc;
use mysql_async::prelude::Queryable;

use chat_domain::RepoError;

use crate::codec::to_db_time;
use crate::error::map;
use crate::Db;

/// One schema change: its version (1, 2, …), a name, and its SQL statements separated
/// by `;` at the end of a line.
pub struct Migration {
    /// Applied in increasing order; never reused.
    pub version: u32,
    /// A short name, recorded beside the version.
    pub name: &'static str,
    /// The statements.
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
        name: "mutes",
        sql: include_str!("../migrations/0002_mutes.sql"),
    },
    Migration {
        version: 3,
        name: "message_changes",
        sql: include_str!("../migrations/0003_message_changes.sql"),
    },
    Migration {
        version: 4,
        name: "senders",
        sql: include_str!("../migrations/0004_senders.sql"),
    },
    Migration {
        version: 5,
        name: "sync",
        sql: include_str!("../migrations/0005_sync.sql"),
    },
    Migration {
        version: 6,
        name: "sync_high_water",
        sql: include_str!("../migrations/0006_sync_high_water.sql"),
    },
    Migration {
        version: 7,
        name: "threads_and_pins",
        sql: include_str!("../migrations/0007_threads_and_pins.sql"),
    },
    Migration {
        version: 8,
        name: "thread_follows",
        sql: include_str!("../migrations/0008_thread_follows.sql"),
    },
    Migration {
        version: 9,
        name: "accounts",
        sql: include_str!("../migrations/0009_accounts.sql"),
    },
    Migration {
        version: 10,
        name: "webhooks",
        sql: include_str!("../migrations/0010_webhooks.sql"),
    },
    Migration {
        version: 11,
        name: "events",
        sql: include_str!("../migrations/0011_events.sql"),
    },
    Migration {
        version: 12,
        name: "blocks",
        sql: include_str!("../migrations/0012_blocks.sql"),
    },
    Migration {
        version: 13,
        name: "reports",
        sql: include_str!("../migrations/0013_reports.sql"),
    },
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

const LOCK_NAME: &str = "chat_schema_migrations";
const LOCK_WAIT_SECS: u32 = 60;

/// Brings the schema up to [`SCHEMA_VERSION`].
pub(crate) async fn run(db: &Db) -> Result<(), RepoError> {
    let mut conn = db.conn().await?;
    let locked: Option<Option<i64>> = conn
        .exec_first("SELECT GET_LOCK(?, ?)", (LOCK_NAME, LOCK_WAIT_SECS))
        .await
        .map_err(map)?;
    if locked.flatten() != Some(1) {
        return Err(RepoError::Unavailable(format!(
            "another process held the schema migration lock for {LOCK_WAIT_SECS}s"
        )));
    }
    let result = apply_pending(&mut conn).await;
    // Released explicitly; the server also drops it if this connection dies.
    let _ = conn.exec_drop("SELECT RELEASE_LOCK(?)", (LOCK_NAME,)).await;
    result
}

async fn apply_pending(conn: &mut mysql_async::Conn) -> Result<(), RepoError> {
    conn.query_drop(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INT UNSIGNED NOT NULL PRIMARY KEY,
            name       VARCHAR(100) NOT NULL,
            applied_at DATETIME(6)  NOT NULL
        ) ENGINE = InnoDB",
    )
    .await
    .map_err(map)?;
    let current: Option<u32> = conn
        .query_first("SELECT MAX(version) FROM schema_migrations")
        .await
        .map_err(map)?
        .flatten();
    let current = current.unwrap_or(0);
    if current > SCHEMA_VERSION {
        return Err(RepoError::Conflict(format!(
            "the database schema is at version {current}, newer than the {SCHEMA_VERSION} \
             this server knows; run a newer server"
        )));
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        for statement in statements(m.sql) {
            conn.query_drop(statement).await.map_err(|e| {
                RepoError::Unavailable(format!("migration {} ({}): {e}", m.version, m.name))
            })?;
        }
        conn.exec_drop(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (m.version, m.name, to_db_time(Utc::now())),
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

/// The statements of a migration: split at `;` ending a line, `--` comment lines dropped.
fn statements(sql: &str) -> impl Iterator<Item = String> + '_ {
    let code: String = sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .map(|l| format!("{l}\n"))
        .collect();
    code.split(";\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
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

    #[test]
    fn splits_statements_and_drops_comments() {
        let sql = "-- a comment; with a semicolon\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  -- why\n  y INT\n);\n";
        let got: Vec<_> = statements(sql).collect();
        assert_eq!(
            got,
            ["CREATE TABLE a (x INT)", "CREATE TABLE b (\n  y INT\n)"]
        );
    }

    #[test]
    fn every_embedded_statement_can_run_again() {
        // Rerunnable after a crash half-way through a migration: creations say IF NOT
        // EXISTS, backfills insert with IGNORE (a row already there is left alone).
        for m in MIGRATIONS {
            for s in statements(m.sql) {
                let rerunnable = s.contains("IF NOT EXISTS") || s.starts_with("INSERT IGNORE INTO");
                assert!(rerunnable, "migration {}: {s}", m.version);
            }
        }
    }
}
