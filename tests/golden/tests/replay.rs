//! Every golden store opens with this build and serves exactly what the build that wrote
//! it served: the same users, conversations, members, cursors, history pages, changes,
//! search hits and file bytes (answers may only have gained fields).

use std::path::{Path, PathBuf};

use mysql_async::prelude::Queryable;

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_postgres::testing::TestSchema;
use chat_conformance::services::unreachable_service;
use chat_golden::exchange::{replay, Golden};
use chat_golden::server::{config, start};
use chat_server::Store;

/// A golden set: `v1/txt`, say.
fn set(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// A copy of a golden data directory, removed when dropped: the original stays as
/// committed.
struct Copy(PathBuf);

impl Copy {
    fn of(from: &Path) -> Self {
        let to =
            std::env::temp_dir().join(format!("chat-golden-{}", uuid::Uuid::new_v4().simple()));
        copy_dir(from, &to);
        Self(to)
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A fresh database holding the golden dump.
async fn database(dump: &Path) -> Option<TestDatabase> {
    let url = test_server_url();
    let db = match TestDatabase::create(&url).await {
        Ok(db) => db,
        Err(e) => return unreachable_service("MySQL", &format!("{url}: {e}")),
    };
    let sql = std::fs::read_to_string(dump).unwrap();
    let mut conn = mysql_async::Conn::new(mysql_async::Opts::from_url(&db.url()).unwrap())
        .await
        .unwrap();
    conn.query_drop(sql).await.expect("the dump loads");
    conn.disconnect().await.unwrap();
    Some(db)
}

/// A fresh schema holding the golden dump, its placeholder replaced by the schema's name.
async fn schema(dump: &Path) -> Option<TestSchema> {
    let url = chat_adapter_postgres::testing::test_server_url();
    let schema = match TestSchema::create(&url).await {
        Ok(schema) => schema,
        Err(e) => return unreachable_service("PostgreSQL", &format!("{url}: {e}")),
    };
    let sql = std::fs::read_to_string(dump)
        .unwrap()
        .replace(chat_golden::SCHEMA_PLACEHOLDER, schema.name());
    let (client, connection) = tokio_postgres::connect(&schema.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    client.batch_execute(&sql).await.expect("the dump loads");
    drop(client);
    let _ = driver.await;
    Some(schema)
}

/// The database a set is served from (a test database or schema), dropped after the test.
type Db = Box<dyn std::any::Any>;

async fn serves_as_written(path: &str) {
    let dir = set(path);
    let name = path.rsplit('/').next().unwrap_or(path);
    let golden: Golden =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let data = Copy::of(&dir.join("data"));
    let mut c = config();
    c.data_dir = data.0.clone();
    let db = if name.starts_with("txt") {
        c.store = Store::Txt;
        None
    } else if name == "postgres" {
        let Some(schema) = schema(&dir.join("dump.sql")).await else {
            return;
        };
        c.store = Store::Postgres;
        c.postgres_url = Some(schema.url());
        Some(Box::new(schema) as Db)
    } else {
        let Some(db) = database(&dir.join("dump.sql")).await else {
            return;
        };
        c.store = Store::Mysql;
        c.message_store = (name == "hybrid").then_some(Store::Txt);
        c.mysql_url = Some(db.url());
        Some(Box::new(db) as Db)
    };
    let server = start(c, false).await;
    let differences = replay(&golden, &server.client).await;
    server.stop().await;
    drop(db);
    assert!(
        differences.is_empty(),
        "{} of {} answers differ from those of {}:\n{}",
        differences.len(),
        golden.exchanges.len(),
        golden.written_by,
        differences.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_txt_data_directory_written_before_serves_its_history_alike() {
    serves_as_written("v1/txt").await;
}

/// Written by the build before the stores had record types of their own, through its
/// HTTP API with no restart: the metadata as one log of every kind of change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_txt_data_directory_with_a_long_metadata_log_serves_its_history_alike() {
    serves_as_written("v1/txt-log").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mysql_database_written_before_serves_its_history_alike() {
    serves_as_written("v1/mysql").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hybrid_store_written_before_serves_its_history_alike() {
    serves_as_written("v1/hybrid").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_database_written_before_serves_its_history_alike() {
    serves_as_written("v2/postgres").await;
}
