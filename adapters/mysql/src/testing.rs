//! Throwaway databases for tests: each test gets its own, so tests run in parallel and
//! rerun without stepping on each other.

use std::time::{SystemTime, UNIX_EPOCH};

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, Opts};

/// The server tests use: `CHAT_TEST_MYSQL_URL`, default `mysql://root@127.0.0.1:3306/test`.
pub fn test_server_url() -> String {
    std::env::var("CHAT_TEST_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".to_owned())
}

/// `url` with its database path replaced by `database`.
///
/// ```
/// use chat_adapter_mysql::testing::with_database;
/// assert_eq!(with_database("mysql://u:p@h:3306/test?pool_max=4", "x"), "mysql://u:p@h:3306/x?pool_max=4");
/// assert_eq!(with_database("mysql://h", "x"), "mysql://h/x");
/// ```
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(i) => &base[..authority_start + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

/// A database created for one test and dropped when this value is.
pub struct TestDatabase {
    server_url: String,
    name: String,
}

/// Databases left by killed test runs are dropped once older than this.
const STALE_AFTER_SECS: u64 = 3600;
const PREFIX: &str = "chat_t_";

impl TestDatabase {
    /// Creates an empty database on the server at `server_url`.
    ///
    /// # Errors
    /// The driver's error text if the server cannot be reached.
    pub async fn create(server_url: &str) -> Result<Self, String> {
        let mut conn = connect(server_url).await?;
        sweep_stale(&mut conn).await;
        let now = unix_now();
        let name = format!(
            "{PREFIX}{now}_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        conn.query_drop(format!(
            "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        ))
        .await
        .map_err(|e| e.to_string())?;
        let _ = conn.disconnect().await;
        Ok(Self {
            server_url: server_url.to_owned(),
            name,
        })
    }

    /// The URL of this database.
    pub fn url(&self) -> String {
        with_database(&self.server_url, &self.name)
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Drop runs outside async code's reach: do the DROP on a thread of its own.
        let (url, name) = (self.server_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let mut conn = connect(&url).await.ok()?;
                conn.query_drop(format!("DROP DATABASE IF EXISTS `{name}`"))
                    .await
                    .ok()?;
                conn.disconnect().await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            eprintln!("could not drop test database {}", self.name);
        }
    }
}

async fn connect(url: &str) -> Result<Conn, String> {
    let opts = Opts::from_url(url).map_err(|e| e.to_string())?;
    let connecting = Conn::new(opts);
    match tokio::time::timeout(std::time::Duration::from_secs(5), connecting).await {
        Ok(conn) => conn.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer from {url} within 5s")),
    }
}

async fn sweep_stale(conn: &mut Conn) {
    let Ok(names) = conn
        .query::<String, _>(format!("SHOW DATABASES LIKE '{PREFIX}%'"))
        .await
    else {
        return;
    };
    let now = unix_now();
    for name in names {
        let created = name[PREFIX.len()..]
            .split('_')
            .next()
            .and_then(|t| t.parse::<u64>().ok());
        if created.is_some_and(|t| t + STALE_AFTER_SECS < now) {
            let _ = conn
                .query_drop(format!("DROP DATABASE IF EXISTS `{name}`"))
                .await;
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
