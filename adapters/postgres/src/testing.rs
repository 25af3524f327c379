//! Throwaway schemas for tests: each test gets its own schema in the test database (named
//! in the URL's `search_path`), so tests run in parallel and rerun without stepping on
//! each other, and dropping the schema drops everything the test stored.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio_postgres::{Client, NoTls};

/// The server tests use: `CHAT_TEST_POSTGRES_URL`, default
/// `postgres://postgres@127.0.0.1:5432/test`.
pub fn test_server_url() -> String {
    std::env::var("CHAT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// `url` with `schema` as the only schema its connections see and create tables in.
///
/// ```
/// use chat_adapter_postgres::testing::in_schema;
/// assert_eq!(in_schema("postgres://h/db", "s1"), "postgres://h/db?options=-c%20search_path%3Ds1");
/// assert_eq!(in_schema("postgres://h/db?connect_timeout=3", "s1"), "postgres://h/db?connect_timeout=3&options=-c%20search_path%3Ds1");
/// ```
pub fn in_schema(url: &str, schema: &str) -> String {
    let join = if url.contains('?') { '&' } else { '?' };
    format!("{url}{join}options=-c%20search_path%3D{schema}")
}

/// A schema created for one test and dropped (with everything in it) when this value is.
pub struct TestSchema {
    server_url: String,
    name: String,
}

/// Schemas left by killed test runs are dropped once older than this.
const STALE_AFTER_SECS: u64 = 3600;
const PREFIX: &str = "chat_t_";

impl TestSchema {
    /// Creates an empty schema in the database at `server_url`.
    ///
    /// # Errors
    /// The driver's error text if the server cannot be reached.
    pub async fn create(server_url: &str) -> Result<Self, String> {
        let client = connect(server_url).await?;
        sweep_stale(&client).await;
        let name = format!(
            "{PREFIX}{}_{}",
            unix_now(),
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        client
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .await
            .map_err(|e| e.to_string())?;
        Ok(Self {
            server_url: server_url.to_owned(),
            name,
        })
    }

    /// The URL of this schema: the server's, seeing only this schema.
    pub fn url(&self) -> String {
        in_schema(&self.server_url, &self.name)
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        // Drop runs outside async code's reach: do the DROP on a thread of its own.
        let (url, name) = (self.server_url.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async {
                let client = connect(&url).await?;
                // The store's indexer may still be writing: a deadlock with it is retried.
                let mut last = String::new();
                for _ in 0..10 {
                    match client
                        .batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
                        .await
                    {
                        Ok(()) => return Ok(()),
                        Err(e) => last = e.as_db_error().map_or(e.to_string(), |d| d.to_string()),
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(last)
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("could not drop test schema {}: {e}", self.name),
            Err(_) => eprintln!("could not drop test schema {}", self.name),
        }
    }
}

/// One connection, its driver task spawned on the current runtime.
async fn connect(url: &str) -> Result<Client, String> {
    let connecting = tokio_postgres::connect(url, NoTls);
    let (client, connection) = match tokio::time::timeout(Duration::from_secs(5), connecting).await
    {
        Ok(connected) => connected.map_err(|e| e.to_string())?,
        Err(_) => return Err(format!("no answer from {url} within 5s")),
    };
    tokio::spawn(connection);
    Ok(client)
}

async fn sweep_stale(client: &Client) {
    let Ok(rows) = client
        .query(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)",
            &[&PREFIX],
        )
        .await
    else {
        return;
    };
    let now = unix_now();
    for row in rows {
        let name: String = row.get(0);
        let created = name[PREFIX.len()..]
            .split('_')
            .next()
            .and_then(|t| t.parse::<u64>().ok());
        if created.is_some_and(|t| t + STALE_AFTER_SECS < now) {
            let _ = client
                .batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
                .await;
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
