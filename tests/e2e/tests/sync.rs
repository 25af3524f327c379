//! The sync call on the TXT and hybrid stores (the black-box sync checks), across
//! restarts, and with a cursor from another server.

mod support;

use std::time::Duration;

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_conformance::services::unreachable_service;
use http::StatusCode;
use serde_json::{json, Value};
use support::*;

/// A directory removed with everything in it when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Self {
        let p = std::env::temp_dir().join(format!("chat-sync-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&p).unwrap();
        Self(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn txt(dir: &TempDir) -> impl FnOnce(&mut chat_server::Config) + '_ {
    move |c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = dir.0.clone();
    }
}

async fn database() -> Option<TestDatabase> {
    let url = test_server_url();
    match TestDatabase::create(&url).await {
        Ok(db) => Some(db),
        Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
    }
}

fn mysql(
    db: &TestDatabase,
    messages_in: Option<&TempDir>,
) -> impl FnOnce(&mut chat_server::Config) {
    let (url, dir) = (db.url(), messages_in.map(|d| d.0.clone()));
    move |c| {
        c.store = chat_server::Store::Mysql;
        c.mysql_url = Some(url);
        c.mysql_acquire_timeout = Duration::from_secs(2);
        if let Some(dir) = dir {
            c.message_store = Some(chat_server::Store::Txt);
            c.data_dir = dir;
        }
    }
}

async fn sync(s: &Server, token: &str, since: Option<&str>) -> Resp {
    let path = match since {
        Some(c) => format!("/api/v1/sync?since={c}"),
        None => "/api/v1/sync".to_owned(),
    };
    s.get(&path, token).await
}

fn ids(answer: &Value) -> Vec<String> {
    answer["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn say(s: &Server, who: &User, conv: &str, id: &str) {
    let path = format!("/api/v1/conversations/{conv}/messages");
    let body = json!({"client_msg_id": id, "kind": "text", "body": id});
    let sent = s.post(&path, Some(&who.token), body).await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
}

mod on_txt {
    chat_blackbox::__checks!(async {
        let dir = super::TempDir::new();
        let server = super::Server::start_with(super::txt(&dir)).await;
        let target = chat_blackbox::Target::new(server.url(""));
        Some((target, (server, dir)))
    };
        it_should_sync_each_changed_conversation_once,
        it_should_page_a_sync_and_refuse_cursors_it_cannot_use,
    );
}

mod on_hybrid {
    chat_blackbox::__checks!(async {
        let db = super::database().await?;
        let dir = super::TempDir::new();
        let server = super::Server::start_with(super::mysql(&db, Some(&dir))).await;
        let target = chat_blackbox::Target::new(server.url(""));
        Some((target, (server, dir, db)))
    };
        it_should_sync_each_changed_conversation_once,
        it_should_page_a_sync_and_refuse_cursors_it_cannot_use,
    );
}

/// A TXT store keeps its stamps in memory: after a restart a cursor from before is
/// refused with the documented 400, and a sync without one starts afresh.
#[tokio::test]
async fn a_txt_restart_refuses_older_cursors_and_a_full_sync_starts_again() {
    let dir = TempDir::new();
    let mut s = Server::start_with(txt(&dir)).await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let d = s.direct(&alice, &bob).await;
    let before = sync(&s, &bob.token, None).await.json;
    s.shutdown().await;

    let s = Server::start_with(txt(&dir)).await;
    let old = sync(&s, &bob.token, before["cursor"].as_str()).await;
    assert_eq!(old.status, StatusCode::BAD_REQUEST, "{}", old.text);
    assert_eq!(old.json["error"]["code"], "bad_request");
    assert!(old.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("without `since`"));
    let full = sync(&s, &bob.token, None).await;
    assert_eq!(ids(&full.json), std::slice::from_ref(&d));
    say(&s, &alice, &d, "after-restart").await;
    let next = sync(&s, &bob.token, full.json["cursor"].as_str())
        .await
        .json;
    assert_eq!(next["conversations"][0]["last_seq"], 1);
}

/// On MySQL the stamps are rows: a cursor from before a restart still answers just what
/// changed since.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mysql_cursor_survives_a_restart() {
    let Some(db) = database().await else { return };
    let mut s = Server::start_with(mysql(&db, None)).await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let d = s.direct(&alice, &bob).await;
    let quiet = s.direct(&bob, &carol).await;
    let before = sync(&s, &bob.token, None).await.json;
    assert_eq!(ids(&before).len(), 2);
    s.shutdown().await;

    let s = Server::start_with(mysql(&db, None)).await;
    say(&s, &alice, &d, "after-restart").await;
    let next = sync(&s, &bob.token, before["cursor"].as_str()).await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.text);
    assert_eq!(ids(&next.json), std::slice::from_ref(&d), "not {quiet}");
}

/// Each server's stores have an epoch of their own: another server's cursor is refused.
#[tokio::test]
async fn another_servers_cursor_is_refused() {
    let (one, two) = (Server::start().await, Server::start().await);
    let (a1, a2) = (one.user("alice").await, two.user("alice").await);
    let cursor = sync(&one, &a1.token, None).await.json["cursor"].clone();
    let r = sync(&two, &a2.token, cursor.as_str()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.json["error"]["code"], "bad_request");
}
