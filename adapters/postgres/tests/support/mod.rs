//! A PostgreSQL store in a schema of its own, dropped after the test.
#![allow(dead_code)]

use async_trait::async_trait;

use chat_adapter_postgres::testing::{test_server_url, TestSchema};
use chat_adapter_postgres::PostgresConfig;
use chat_conformance::services::unreachable_service;
use chat_conformance::{Storage, StorageHarness};

/// A fresh schema on the test server, or `None` (skipped) when it is unreachable.
pub async fn schema() -> Option<TestSchema> {
    let url = test_server_url();
    match TestSchema::create(&url).await {
        Ok(schema) => Some(schema),
        Err(e) => unreachable_service("PostgreSQL", &format!("{url}: {e}")),
    }
}

pub async fn store(schema: &TestSchema) -> Storage {
    chat_adapter_postgres::connect(&PostgresConfig::new(schema.url()))
        .await
        .expect("connect and migrate")
}

/// One schema per test; `reopen` connects a second pool to it, as a restarted (or
/// another) server process would.
pub struct Harness {
    store: Storage,
    // Dropped last: the pools above close first.
    schema: TestSchema,
}

impl Harness {
    pub async fn new() -> Option<Self> {
        let schema = schema().await?;
        Some(Self {
            store: store(&schema).await,
            schema,
        })
    }
}

#[async_trait]
impl StorageHarness for Harness {
    async fn open(&self) -> Storage {
        self.store.clone()
    }

    async fn reopen(&self) -> Storage {
        store(&self.schema).await
    }
}
