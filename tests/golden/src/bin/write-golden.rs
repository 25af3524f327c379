//! Writes a golden set with the build at hand: `write-golden <dir> [store…]` fills
//! `<dir>/txt`, `<dir>/mysql`, `<dir>/hybrid` and `<dir>/postgres` (or only the stores
//! named), each with its store (`data/`, and `dump.sql` for a database) and
//! `expected.json`. MySQL comes from `CHAT_TEST_MYSQL_URL` with `mariadb-dump` on the
//! PATH, PostgreSQL from `CHAT_TEST_POSTGRES_URL` with `pg_dump`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Duration;

use chat_adapter_argon2::Argon2Hasher;
use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_postgres::testing::TestSchema;
use chat_adapter_txt::TxtConfig;
use chat_app::{CreateGroup, Login, SendMessage, Settings};
use chat_domain::ports::Clock;
use chat_golden::exchange::Golden;
use chat_golden::scenario::{Scenario, PASSWORD};
use chat_golden::server::{config, start};
use chat_memory::{ManualClock, SystemClock};
use chat_server::Store;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, url, dir] if flag == "--against" => against(url, Path::new(dir)).await,
        [dir, stores @ ..] if !dir.starts_with("--") => {
            let out = PathBuf::from(dir);
            let all = ["txt", "mysql", "hybrid", "postgres"].map(String::from);
            let stores = if stores.is_empty() { &all[..] } else { stores };
            for store in stores {
                let store = store.as_str();
                write(&out.join(store), store).await;
                println!("wrote {}", out.join(store).display());
            }
        }
        _ => eprintln!("usage: write-golden <dir> [store…] | write-golden --against <url> <dir>"),
    }
}

/// Runs the scenario (both parts, no restart between them) against a server that is
/// already up, with alice made its admin beforehand (`chat-server create-admin alice`,
/// the scenario's password): how a set is written by a build other than this one. Its
/// data directory is the operator's to copy in once that server has stopped.
async fn against(url: &str, dir: &Path) {
    std::fs::create_dir_all(dir).expect("create the output directory");
    let client = chat_blackbox::Target::new(url);
    let mut s = Scenario {
        client: &client,
        made: Default::default(),
    };
    s.part_one().await;
    s.part_two().await;
    let golden = Golden {
        written_by: format!("the server at {url}"),
        password: PASSWORD.into(),
        tokens: s.made.tokens.clone(),
        exchanges: s.record().await,
    };
    let text = serde_json::to_string_pretty(&golden).expect("JSON");
    std::fs::write(dir.join("expected.json"), text + "\n").expect("write expected.json");
    println!("wrote {}", dir.join("expected.json").display());
}

async fn write(dir: &Path, store: &str) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("create the output directory");
    let db = match store {
        "txt" => None,
        "postgres" => Some(Db::Postgres(
            TestSchema::create(&chat_adapter_postgres::testing::test_server_url())
                .await
                .expect("PostgreSQL"),
        )),
        _ => Some(Db::Mysql(
            TestDatabase::create(&test_server_url())
                .await
                .expect("MySQL"),
        )),
    };
    let mut c = config();
    c.data_dir = dir.join("data");
    c.store = match &db {
        None => Store::Txt,
        Some(Db::Mysql(db)) => {
            c.mysql_url = Some(db.url());
            Store::Mysql
        }
        Some(Db::Postgres(schema)) => {
            c.postgres_url = Some(schema.url());
            Store::Postgres
        }
    };
    c.message_store = (store == "hybrid").then_some(Store::Txt);

    let server = start(c.clone(), true).await;
    let mut s = Scenario {
        client: &server.client,
        made: Default::default(),
    };
    s.part_one().await;
    let made = s.made;
    server.stop().await;

    let archive = match store {
        "txt" => Some(old_days(&c.data_dir).await),
        _ => None,
    };

    let server = start(c, false).await;
    let mut s = Scenario {
        client: &server.client,
        made,
    };
    if let Some(id) = archive {
        s.made.conversations.insert("archive".into(), id);
    }
    s.part_two().await;
    // The archiver runs at start and removes each original a second after archiving it.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let exchanges = s.record().await;
    let golden = Golden {
        written_by: written_by(),
        password: PASSWORD.into(),
        tokens: s.made.tokens.clone(),
        exchanges,
    };
    server.stop().await;
    match &db {
        Some(Db::Mysql(db)) => dump(db, &dir.join("dump.sql")),
        Some(Db::Postgres(schema)) => pg_dump(schema, &dir.join("dump.sql")),
        None => {}
    }
    let text = serde_json::to_string_pretty(&golden).expect("JSON");
    std::fs::write(dir.join("expected.json"), text + "\n").expect("write expected.json");
}

/// Through the core itself (no server): a group whose messages are dated ten and nine
/// days ago, written into 4 KiB files so they roll over into parts (the server archives
/// the older ones at its next start), with a metadata snapshot taken at every change.
async fn old_days(dir: &Path) -> String {
    let config = TxtConfig {
        snapshot_every: 1,
        max_file_bytes: 4096,
        archive_after_days: None,
        ..TxtConfig::default()
    };
    let store = chat_adapter_txt::open(dir, config).expect("the TXT store opens");
    let clock = Arc::new(ManualClock::new(SystemClock.now() - Duration::days(10)));
    let settings = Settings {
        token_ttl: std::time::Duration::from_secs(100 * 365 * 24 * 3600),
        ..Settings::default()
    };
    let chat = chat_core::Chat::builder()
        .storage(store)
        .hasher(Arc::new(Argon2Hasher::fast_for_tests()))
        .clock(clock.clone())
        .settings(settings)
        .build();
    let app = chat.app();
    let mut actors = Vec::new();
    for name in ["alice", "bob"] {
        let login = app.login(Login::new(name, PASSWORD)).await.expect("login");
        actors.push(app.authenticate(login.token.expose()).await.expect("auth"));
    }
    let group = CreateGroup {
        title: "Archive 档案".into(),
        member_ids: vec![actors[1].id()],
    };
    let id = app
        .create_group(&actors[0], group)
        .await
        .expect("group")
        .conversation
        .id;
    for i in 0..36 {
        if i == 30 {
            clock.advance(Duration::days(1));
        }
        let text = format!(
            "old day message {i}: {}",
            "旧的消息 and some padding text. ".repeat(6)
        );
        let cmd = SendMessage::text(id, &format!("old-{i}"), &text);
        app.send_message(&actors[i % 2], cmd).await.expect("send");
    }
    app.mark_read(&actors[1], id, 20).await.expect("read");
    chat.close().await;
    id.to_string()
}

fn dump(db: &TestDatabase, to: &Path) {
    let url = test_server_url();
    let opts = mysql_async::Opts::from_url(&url).expect("a MySQL URL");
    let out = std::process::Command::new("mariadb-dump")
        .args([
            "-h",
            opts.ip_or_hostname(),
            "-P",
            &opts.tcp_port().to_string(),
            "-u",
            opts.user().unwrap_or("root"),
            "--skip-dump-date",
            "--skip-comments",
            "--skip-extended-insert",
            "--hex-blob",
            db.name(),
        ])
        .output()
        .expect("mariadb-dump runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(to, out.stdout).expect("write dump.sql");
}

/// The database a set is written to.
enum Db {
    Mysql(TestDatabase),
    Postgres(TestSchema),
}

/// The schema as plain SQL statements (`INSERT`s, not `COPY`, so a driver can run it),
/// its name replaced by [`chat_golden::SCHEMA_PLACEHOLDER`] for the replay to put its
/// own in; psql's meta-commands and the schema's creation are left out.
fn pg_dump(schema: &TestSchema, to: &Path) {
    let url = chat_adapter_postgres::testing::test_server_url();
    let out = std::process::Command::new("pg_dump")
        .args([
            "--schema",
            schema.name(),
            "--no-owner",
            "--no-privileges",
            "--column-inserts",
            &url,
        ])
        .output()
        .expect("pg_dump runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with('\\') && !l.starts_with("CREATE SCHEMA "))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = kept.replace(schema.name(), chat_golden::SCHEMA_PLACEHOLDER);
    std::fs::write(to, text).expect("write dump.sql");
}

fn written_by() -> String {
    let rev = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "an unknown commit".into());
    format!("chat-server {} at {rev}", env!("CARGO_PKG_VERSION"))
}
