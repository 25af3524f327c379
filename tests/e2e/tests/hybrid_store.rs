//! Hybrid storage, as in the seed: users, sessions and conversations in MySQL, messages
//! in TXT files. The conformance suite runs on the pair, and the server wires it.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use async_trait::async_trait;
use http::StatusCode;
use mysql_async::prelude::Queryable;
use serde_json::json;

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_mysql::MysqlConfig;
use chat_adapter_txt::TxtConfig;
use chat_conformance::services::unreachable_service;
use chat_conformance::{Storage, StorageHarness};
use support::*;

async fn database() -> Option<TestDatabase> {
    let url = test_server_url();
    match TestDatabase::create(&url).await {
        Ok(db) => Some(db),
        Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let p = std::env::temp_dir().join(format!("chat-hybrid-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&p).unwrap();
        Self(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// MySQL metadata and TXT messages; `reopen` closes both and opens them afresh from
/// what is stored.
struct Hybrid {
    storage: Mutex<Option<Storage>>,
    dir: TempDir,
    db: TestDatabase,
}

async fn open(db: &TestDatabase, dir: &Path) -> Storage {
    let mysql = chat_adapter_mysql::connect(&MysqlConfig::new(db.url()))
        .await
        .unwrap();
    chat_adapter_txt::open_beside(mysql, dir, TxtConfig::default()).unwrap()
}

impl Hybrid {
    async fn new() -> Option<Self> {
        let db = database().await?;
        let dir = TempDir::new();
        let storage = open(&db, &dir.0).await;
        Some(Self {
            storage: Mutex::new(Some(storage)),
            dir,
            db,
        })
    }
}

#[async_trait]
impl StorageHarness for Hybrid {
    async fn open(&self) -> Storage {
        self.storage.lock().unwrap().clone().unwrap()
    }

    async fn reopen(&self) -> Storage {
        let old = self.storage.lock().unwrap().take().unwrap();
        old.close().await;
        drop(old);
        let storage = open(&self.db, &self.dir.0).await;
        *self.storage.lock().unwrap() = Some(storage.clone());
        storage
    }
}

mod conformance {
    chat_conformance::storage_conformance!(super::Hybrid::new());
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
