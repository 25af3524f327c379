//! The server on PostgreSQL: messages survive a restart, and while the database is away
//! sends and reads fail with `unavailable` on sockets that stay open, then recover. And
//! the seed's hybrid layout on it: messages in TXT files, everything else in PostgreSQL,
//! with the conformance suite run on the pair.

mod hybrid;
mod outage;
mod support;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use http::StatusCode;
use serde_json::json;

use chat_adapter_postgres::testing::{test_server_url, TestSchema};
use chat_adapter_postgres::PostgresConfig;
use chat_conformance::proxy::Proxy;
use chat_conformance::services::unreachable_service;
use chat_conformance::Storage;
use hybrid::{Hybrid, TempDir};
use support::*;

async fn schema() -> Option<TestSchema> {
    let url = test_server_url();
    match TestSchema::create(&url).await {
        Ok(schema) => Some(schema),
        Err(e) => unreachable_service("PostgreSQL", &format!("{url}: {e}")),
    }
}

async fn postgres_server(url: String) -> Server {
    Server::start_with(move |c| {
        c.store = chat_server::Store::Postgres;
        c.postgres_url = Some(url);
        c.postgres_acquire_timeout = Duration::from_secs(2);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_unavailable_keeps_sockets_and_recovers() {
    let Some(schema) = schema().await else { return };
    let proxy = Proxy::in_front_of(&schema.url(), 5432).await.unwrap();
    let proxied = proxy.url_through(&schema.url());
    outage::answers_unavailable_keeps_sockets_and_recovers(
        postgres_server,
        schema.url(),
        proxied,
        &proxy,
    )
    .await;
}

fn open_postgres(schema: &TestSchema) -> Pin<Box<dyn Future<Output = Storage> + Send + '_>> {
    Box::pin(async move {
        chat_adapter_postgres::connect(&PostgresConfig::new(schema.url()))
            .await
            .unwrap()
    })
}

async fn hybrid() -> Option<Hybrid<TestSchema>> {
    Some(Hybrid::new(schema().await?, open_postgres).await)
}

/// The whole black-box protocol suite against the server on PostgreSQL.
mod blackbox_on_postgres {
    chat_blackbox::suite_or_skip!(async {
        let schema = super::schema().await?;
        let server = super::postgres_server(schema.url()).await;
        let target = chat_blackbox::Target::new(server.url(""));
        // The server stops before its schema is dropped.
        Some((target, (server, schema)))
    });
}

mod hybrid_conformance {
    chat_conformance::storage_conformance!(super::hybrid());
}

async fn count(url: &str, table: &str) -> i64 {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let row = client
        .query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])
        .await
        .unwrap();
    row.get(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_keeps_messages_in_files_and_the_rest_in_postgres() {
    let Some(schema) = schema().await else { return };
    let dir = TempDir::new();
    let tune = |c: &mut chat_server::Config| {
        c.store = chat_server::Store::Postgres;
        c.message_store = Some(chat_server::Store::Txt);
        c.postgres_url = Some(schema.url());
        c.data_dir = dir.0.clone();
    };
    let mut s = Server::start_with(tune).await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let dm = s.direct(&alice, &bob).await;
    let path = format!("/api/v1/conversations/{dm}/messages");
    let sent = s
        .post(
            &path,
            Some(&alice.token),
            json!({"client_msg_id": "c-1", "kind": "text", "body": "存在文件里 📁"}),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    s.shutdown().await;

    // The message is a line in the pair's private file, not a row in PostgreSQL.
    let files: Vec<_> = std::fs::read_dir(dir.0.join("chat/private"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("存在文件里 📁"), "{text}");
    assert_eq!(count(&schema.url(), "messages").await, 0);
    assert_eq!(count(&schema.url(), "users").await, 2);

    // A restarted server reads both halves back.
    let s = Server::start_with(tune).await;
    let alice = s.login("alice").await;
    let history = s.get(&path, &alice.token).await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.text);
    assert_eq!(history.json["messages"][0]["body"], "存在文件里 📁");
}
