//! Erasure that erases: once a message is recalled or removed (by its group's owner or by
//! a server admin), its text, and the text of its earlier edits, is in no file of the
//! data directory and no row of the database within `CHAT_ERASE_WITHIN`, on every store;
//! what was not erased is still there, and history stays gap-free across a restart.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use http::{Method, StatusCode};
use mysql_async::prelude::Queryable;
use serde_json::json;

use chat_adapter_mysql::testing::TestDatabase;
use chat_adapter_postgres::testing::TestSchema;
use chat_conformance::services::unreachable_service;
use support::*;

const ERASE_WITHIN: Duration = Duration::from_secs(1);

/// The texts a test wrote: those that must go, and one that must stay.
struct Texts {
    gone: Vec<String>,
    kept: String,
    conv: String,
    last_seq: u64,
}

async fn send(s: &Server, who: &User, conv: &str, body: &str) -> u64 {
    let r = s
        .post(
            &format!("/api/v1/conversations/{conv}/messages"),
            Some(&who.token),
            json!({"client_msg_id": uuid::Uuid::new_v4().to_string(), "body": body}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["seq"].as_u64().unwrap()
}

async fn call(s: &Server, who: &User, method: Method, path: &str, body: Option<serde_json::Value>) {
    let r = s.call(method, path, Some(&who.token), body).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
}

/// A group where a message is recalled, one edited then recalled, one removed by the
/// owner and one by a server admin; and one left alone.
async fn write_and_take_back(s: &Server) -> Texts {
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..10];
    let (root, alice, bob) = (
        s.admin("root").await,
        s.user("alice").await,
        s.user("bob").await,
    );
    let g = s.group(&alice, "erasure", &[&bob]).await;
    let msg = |seq: u64| format!("/api/v1/conversations/{g}/messages/{seq}");
    let text = |what: &str| format!("{what}-{tag} 秘密");

    let recalled = send(s, &alice, &g, &text("recalled")).await;
    call(s, &alice, Method::DELETE, &msg(recalled), None).await;

    let edited = send(s, &alice, &g, &text("first-draft")).await;
    let edit = json!({"body": text("second-draft")});
    call(s, &alice, Method::PATCH, &msg(edited), Some(edit)).await;
    let react = json!({"emoji": "👍"});
    let r = s
        .post(
            &format!("{}/reactions", msg(edited)),
            Some(&bob.token),
            react,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    call(s, &alice, Method::DELETE, &msg(edited), None).await;

    let by_owner = send(s, &bob, &g, &text("removed-by-owner")).await;
    call(s, &alice, Method::DELETE, &msg(by_owner), None).await;

    let by_admin = send(s, &bob, &g, &text("removed-by-admin")).await;
    let admin_path = format!("/api/v1/admin/conversations/{g}/messages/{by_admin}");
    call(s, &root, Method::DELETE, &admin_path, None).await;

    let kept = text("kept");
    let last_seq = send(s, &bob, &g, &kept).await;
    Texts {
        gone: [
            "recalled",
            "first-draft",
            "second-draft",
            "removed-by-owner",
            "removed-by-admin",
        ]
        .into_iter()
        .map(text)
        .collect(),
        kept,
        conv: g,
        last_seq,
    }
}

/// Every file under `dir` (archives decompressed) holding `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
            continue;
        }
        let Ok(mut bytes) = std::fs::read(&path) else {
            continue;
        };
        if path.extension().is_some_and(|x| x == "gz") {
            let mut plain = Vec::new();
            use std::io::Read;
            if flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut plain)
                .is_ok()
            {
                bytes = plain;
            }
        }
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(path.display().to_string());
        }
    }
    found
}

/// Every (table.column) of the MySQL database whose text holds `needle`.
async fn mysql_rows_holding(db: &TestDatabase, needle: &str) -> Vec<String> {
    let pool = mysql_async::Pool::new(db.url().as_str());
    let mut conn = pool.get_conn().await.unwrap();
    let columns: Vec<(String, String)> = conn
        .exec(
            "SELECT table_name, column_name FROM information_schema.columns \
             WHERE table_schema = ? AND data_type IN \
             ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'json', 'blob', 'longblob', 'varbinary')",
            (db.name(),),
        )
        .await
        .unwrap();
    let mut found = Vec::new();
    for (table, column) in columns {
        let n: Option<u64> = conn
            .exec_first(
                format!("SELECT COUNT(*) FROM `{table}` WHERE CAST(`{column}` AS CHAR) LIKE ?"),
                (format!("%{needle}%"),),
            )
            .await
            .unwrap();
        if n.unwrap_or(0) > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    drop(conn);
    pool.disconnect().await.unwrap();
    found
}

/// Every (table.column) of the PostgreSQL schema whose text holds `needle`.
async fn postgres_rows_holding(schema: &TestSchema, needle: &str) -> Vec<String> {
    let (client, conn) = tokio_postgres::connect(&schema.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let columns = client
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = $1 AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea')",
            &[&schema.name()],
        )
        .await
        .unwrap();
    let mut found = Vec::new();
    for row in columns {
        let (table, column): (String, String) = (row.get(0), row.get(1));
        let n: i64 = client
            .query_one(
                &format!("SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text LIKE $1"),
                &[&format!("%{needle}%")],
            )
            .await
            .unwrap()
            .get(0);
        if n > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

/// Waits (a few deadlines at most) until `holding` finds none of the gone texts, then
/// checks it still finds the kept one (so the search itself works).
async fn erased<F, Fut>(texts: &Texts, holding: F)
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Vec<String>>,
{
    let deadline = Instant::now() + ERASE_WITHIN * 10;
    for gone in &texts.gone {
        loop {
            let found = holding(gone.clone()).await;
            if found.is_empty() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{gone:?} is still in {found:?} after {:?}",
                ERASE_WITHIN * 10
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert!(
        !holding(texts.kept.clone()).await.is_empty(),
        "the kept text is found where it is stored"
    );
}

/// History reads every seq, the taken-back ones as tombstones and the kept one whole.
async fn history_is_whole(s: &Server, texts: &Texts) {
    let who = s.login("bob").await;
    let page = s
        .get(
            &format!("/api/v1/conversations/{}/messages", texts.conv),
            &who.token,
        )
        .await;
    let messages = page.json["messages"].as_array().unwrap().clone();
    let seqs: Vec<u64> = messages
        .iter()
        .map(|m| m["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(
        seqs,
        (1..=texts.last_seq).collect::<Vec<_>>(),
        "{}",
        page.text
    );
    let tombstones = messages.iter().filter(|m| m["deleted"] == true).count();
    assert_eq!(tombstones, 4, "{}", page.text);
    assert_eq!(messages.last().unwrap()["body"], texts.kept.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_txt_taken_back_text_leaves_every_file_and_stays_gone_after_a_restart() {
    let dir = std::env::temp_dir().join(format!("chat-erasure-{}", uuid::Uuid::new_v4()));
    let start = |dir: std::path::PathBuf| {
        Server::start_with(move |c| {
            c.store = chat_server::Store::Txt;
            c.data_dir = dir;
            c.chat.erase_within = ERASE_WITHIN;
        })
    };
    let mut s = start(dir.clone()).await;
    let texts = write_and_take_back(&s).await;
    erased(&texts, |needle| {
        let dir = dir.clone();
        async move { files_holding(&dir, &needle) }
    })
    .await;
    history_is_whole(&s, &texts).await;
    s.shutdown().await;
    let mut s = start(dir.clone()).await;
    history_is_whole(&s, &texts).await;
    for gone in &texts.gone {
        assert_eq!(files_holding(&dir, gone), Vec::<String>::new());
    }
    s.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn mysql() -> Option<TestDatabase> {
    let url = chat_adapter_mysql::testing::test_server_url();
    match TestDatabase::create(&url).await {
        Ok(db) => Some(db),
        Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
    }
}

async fn postgres() -> Option<TestSchema> {
    let url = chat_adapter_postgres::testing::test_server_url();
    match TestSchema::create(&url).await {
        Ok(schema) => Some(schema),
        Err(e) => unreachable_service("PostgreSQL", &format!("{url}: {e}")),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_mysql_taken_back_text_leaves_every_row() {
    let Some(db) = mysql().await else { return };
    let url = db.url();
    let mut s = Server::start_with(move |c| {
        c.store = chat_server::Store::Mysql;
        c.mysql_url = Some(url);
        c.chat.erase_within = ERASE_WITHIN;
    })
    .await;
    let texts = write_and_take_back(&s).await;
    erased(&texts, |needle| {
        let db = &db;
        async move { mysql_rows_holding(db, &needle).await }
    })
    .await;
    history_is_whole(&s, &texts).await;
    s.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_taken_back_text_leaves_every_row() {
    let Some(schema) = postgres().await else {
        return;
    };
    let url = schema.url();
    let mut s = Server::start_with(move |c| {
        c.store = chat_server::Store::Postgres;
        c.postgres_url = Some(url);
        c.chat.erase_within = ERASE_WITHIN;
    })
    .await;
    let texts = write_and_take_back(&s).await;
    erased(&texts, |needle| {
        let schema = &schema;
        async move { postgres_rows_holding(schema, &needle).await }
    })
    .await;
    history_is_whole(&s, &texts).await;
    s.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_txt_beside_mysql_taken_back_text_leaves_files_and_rows() {
    let Some(db) = mysql().await else { return };
    let dir = std::env::temp_dir().join(format!("chat-erasure-{}", uuid::Uuid::new_v4()));
    let (url, data) = (db.url(), dir.clone());
    let mut s = Server::start_with(move |c| {
        c.store = chat_server::Store::Mysql;
        c.message_store = Some(chat_server::Store::Txt);
        c.mysql_url = Some(url);
        c.data_dir = data;
        c.chat.erase_within = ERASE_WITHIN;
    })
    .await;
    let texts = write_and_take_back(&s).await;
    erased(&texts, |needle| {
        let (dir, db) = (dir.clone(), &db);
        async move {
            let mut found = files_holding(&dir, &needle);
            found.extend(mysql_rows_holding(db, &needle).await);
            found
        }
    })
    .await;
    history_is_whole(&s, &texts).await;
    s.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_txt_beside_postgres_taken_back_text_leaves_files_and_rows() {
    let Some(schema) = postgres().await else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("chat-erasure-{}", uuid::Uuid::new_v4()));
    let (url, data) = (schema.url(), dir.clone());
    let mut s = Server::start_with(move |c| {
        c.store = chat_server::Store::Postgres;
        c.message_store = Some(chat_server::Store::Txt);
        c.postgres_url = Some(url);
        c.data_dir = data;
        c.chat.erase_within = ERASE_WITHIN;
    })
    .await;
    let texts = write_and_take_back(&s).await;
    erased(&texts, |needle| {
        let (dir, schema) = (dir.clone(), &schema);
        async move {
            let mut found = files_holding(&dir, &needle);
            found.extend(postgres_rows_holding(schema, &needle).await);
            found
        }
    })
    .await;
    history_is_whole(&s, &texts).await;
    s.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

async fn send_file(s: &Server, who: &User, conv: &str, file: &str) -> u64 {
    let body = json!({"client_msg_id": uuid::Uuid::new_v4().to_string(), "kind": "file",
        "body": json!({"file_id": file}).to_string()});
    let r = s
        .post(
            &format!("/api/v1/conversations/{conv}/messages"),
            Some(&who.token),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["seq"].as_u64().unwrap()
}

async fn download_status(s: &Server, who: &User, file: &str) -> StatusCode {
    s.get(&format!("/api/v1/files/{file}"), &who.token)
        .await
        .status
}

/// Waits a few deadlines for `done`.
async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + ERASE_WITHIN * 10;
    while !done() {
        assert!(Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_leaves_the_disk_once_no_message_carries_it() {
    let dir = std::env::temp_dir().join(format!("chat-erasure-{}", uuid::Uuid::new_v4()));
    let data = dir.clone();
    let mut s = Server::start_with(move |c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = data;
        c.chat.erase_within = ERASE_WITHIN;
    })
    .await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let (g, d) = (
        s.group(&alice, "files", &[&bob, &carol]).await,
        s.direct(&alice, &bob).await,
    );
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let secret = format!("the file's own text {tag}");
    let file = s.upload_text(&alice, "notes.txt", &secret).await;
    let in_group = send_file(&s, &alice, &g, &file).await;
    let in_direct = send_file(&s, &alice, &d, &file).await;
    let recall = |conv: &str, seq: u64| format!("/api/v1/conversations/{conv}/messages/{seq}");

    assert_eq!(download_status(&s, &carol, &file).await, StatusCode::OK);

    // One of two messages taken back: the file stays for the other's conversation,
    // and the group's members who are not in it can no longer read it.
    call(&s, &alice, Method::DELETE, &recall(&g, in_group), None).await;
    s.app.erase_tombstones().await.unwrap();
    s.app.erase_tombstones().await.unwrap();
    assert_eq!(download_status(&s, &bob, &file).await, StatusCode::OK);
    assert_eq!(
        download_status(&s, &carol, &file).await,
        StatusCode::NOT_FOUND
    );
    assert!(!files_holding(&dir, &secret).is_empty());

    // The last one taken back: bytes, description and name leave the disk.
    call(&s, &alice, Method::DELETE, &recall(&d, in_direct), None).await;
    eventually("the file's bytes leave the disk", || {
        files_holding(&dir, &secret).is_empty() && files_holding(&dir, &file).is_empty()
    })
    .await;
    assert_eq!(
        download_status(&s, &bob, &file).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        download_status(&s, &alice, &file).await,
        StatusCode::NOT_FOUND
    );
    s.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
