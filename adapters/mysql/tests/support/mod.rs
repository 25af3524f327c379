//! A MySQL store in a database of its own, dropped after the test.
#![allow(dead_code)]

use async_trait::async_trait;

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_mysql::MysqlConfig;
use chat_conformance::services::unreachable_service;
use chat_conformance::{Storage, StorageHarness};

/// A fresh database on the test server, or `None` (skipped) when it is unreachable.
pub async fn database() -> Option<TestDatabase> {
    let url = test_server_url();
    match TestDatabase::create(&url).await {
        Ok(db) => Some(db),
        Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
    }
}

pub async fn store(db: &TestDatabase) -> Storage {
    chat_adapter_mysql::connect(&MysqlConfig::new(db.url()))
        .await
        .expect("connect and migrate")
}

/// One database per test; `reopen` connects a second pool to it, as a restarted (or
/// another) server process would.
pub struct Harness {
    store: Storage,
    // Dropped last: the pools above close first.
    db: TestDatabase,
}

impl Harness {
    pub async fn new() -> Option<Self> {
        let db = database().await?;
        Some(Self {
            store: store(&db).await,
            db,
        })
    }
}

#[async_trait]
impl StorageHarness for Harness {
    async fn open(&self) -> Storage {
        self.store.clone()
    }

    async fn reopen(&self) -> Storage {
        store(&self.db).await
    }
}
