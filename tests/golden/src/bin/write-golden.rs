//! Writes a golden set with the build at hand: `write-golden <dir>` fills `<dir>/txt`,
//! `<dir>/mysql` and `<dir>/hybrid`, each with its store (`data/`, and `dump.sql` for
//! MySQL) and `expected.json`. MySQL comes from `CHAT_TEST_MYSQL_URL`; `mariadb-dump`
//! must be on the PATH.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Duration;

use chat_adapter_argon2::Argon2Hasher;
use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
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
        [dir] => {
            let out = PathBuf::from(dir);
            for store in ["txt", "mysql", "hybrid"] {
                write(&out.join(store), store).await;
                println!("wrote {}", out.join(store).display());
            }
        }
        _ => eprintln!("usage: write-golden <dir> | write-golden --against <url> <dir>"),
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
        _ => Some(
            TestDatabase::create(&test_server_url())
                .await
                .expect("MySQL"),
        ),
    };
    let mut c = config();
    c.data_dir = dir.join("data");
    c.store = if db.is_some() {
        Store::Mysql
    } else {
        Store::Txt
    };
    c.message_store = (store == "hybrid").then_some(Store::Txt);
    c.mysql_url = db.as_ref().map(TestDatabase::url);

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
    if let Some(db) = &db {
        dump(db, &dir.join("dump.sql"));
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
