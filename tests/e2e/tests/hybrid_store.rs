//! Hybrid storage, as in the seed: users, sessions and conversations in MySQL, messages
//! in TXT files. The conformance suite runs on the pair, and the server wires it.

mod hybrid;
mod support;

use std::future::Future;
use std::pin::Pin;

use http::StatusCode;
use mysql_async::prelude::Queryable;
use serde_json::json;

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_mysql::MysqlConfig;
use chat_conformance::services::unreachable_service;
use chat_conformance::Storage;
use hybrid::{Hybrid, TempDir};
use support::*;

async fn database() -> Option<TestDatabase> {
    let url = test_server_url();
    match TestDatabase::create(&url).await {
        Ok(db) => Some(db),
        Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
    }
}

fn open_mysql(db: &TestDatabase) -> Pin<Box<dyn Future<Output = Storage> + Send + '_>> {
    Box::pin(async move {
        chat_adapter_mysql::connect(&MysqlConfig::new(db.url()))
            .await
            .unwrap()
    })
}

async fn harness() -> Option<Hybrid<TestDatabase>> {
    Some(Hybrid::new(database().await?, open_mysql).await)
}

mod conformance {
    chat_conformance::storage_conformance!(super::harness());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_keeps_messages_in_files_and_the_rest_in_mysql() {
    let Some(db) = database().await else { return };
    let dir = TempDir::new();
    let tune = |c: &mut chat_server::Config| {
        c.store = chat_server::Store::Mysql;
        c.message_store = Some(chat_server::Store::Txt);
        c.mysql_url = Some(db.url());
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

    // The message is a line in the pair's private file, not a row in MySQL.
    let private = dir.0.join("chat/private");
    let files: Vec<_> = std::fs::read_dir(&private)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("存在文件里 📁"), "{text}");
    let mut conn = mysql_async::Conn::from_url(db.url()).await.unwrap();
    let rows: Option<u64> = conn
        .query_first("SELECT COUNT(*) FROM messages")
        .await
        .unwrap();
    assert_eq!(rows, Some(0));
    let users: Option<u64> = conn
        .query_first("SELECT COUNT(*) FROM users")
        .await
        .unwrap();
    assert_eq!(users, Some(2));
    conn.disconnect().await.unwrap();

    // A restarted server reads both halves back.
    let s = Server::start_with(tune).await;
    let alice = s.login("alice").await;
    let history = s.get(&path, &alice.token).await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.text);
    assert_eq!(history.json["messages"][0]["body"], "存在文件里 📁");
}

#[tokio::test]
async fn an_unsupported_split_is_refused_at_start() {
    let mut config = chat_server::Config::with_addr("127.0.0.1:0".parse().unwrap());
    config.store = chat_server::Store::Txt;
    config.message_store = Some(chat_server::Store::Mysql);
    let err = chat_server::build(&config).await.err().expect("refused");
    assert!(
        err.to_string()
            .contains("CHAT_STORE=mysql CHAT_MESSAGE_STORE=txt"),
        "{err}"
    );
}
