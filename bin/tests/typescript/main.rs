//! The TypeScript client library (`clients/typescript`) checked from `cargo test`: its
//! `node --test` suites against this build's `chat-server` (the engine, the chaos run on
//! TXT, and on MySQL + Redis across two nodes, the state-equivalence run), and
//! `tsc --noEmit` over its hand-written types.
//!
//! Needs Node.js ≥ 20 and, for the type check, `npm ci --prefix clients/typescript`
//! (`.ci/run` does both). Without them each check says it skipped, unless
//! `CHAT_REQUIRE_SERVICES=1`.

#[path = "../multi_node/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chat_conformance::services::unreachable_service;
use support::{services_on, Backend};

fn package() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../clients/typescript")
}

fn node_missing() -> Option<String> {
    let out = std::process::Command::new("node").arg("--version").output();
    match out {
        Ok(o) if o.status.success() => {
            let v = String::from_utf8_lossy(&o.stdout);
            let major: u32 = v
                .trim()
                .trim_start_matches('v')
                .split('.')
                .next()
                .and_then(|m| m.parse().ok())
                .unwrap_or(0);
            (major < 20).then(|| format!("Node.js {v} is older than 20"))
        }
        _ => Some("no node (apt-get install nodejs)".into()),
    }
}

async fn run(mut cmd: tokio::process::Command, what: &str, within: Duration) {
    let output = tokio::time::timeout(within, cmd.kill_on_drop(true).output())
        .await
        .unwrap_or_else(|_| panic!("{what} ends within {within:?}"))
        .expect("node starts");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{what} failed");
}

fn node_test(files: &[&str]) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new("node");
    // Node 20 has the WebSocket client behind this flag (later versions by default).
    cmd.arg("--experimental-websocket")
        .arg("--test")
        .arg("--test-reporter=spec")
        .args(files)
        .current_dir(package())
        .env("CHAT_SERVER_BIN", env!("CARGO_BIN_EXE_chat-server"));
    cmd
}

#[tokio::test]
async fn the_engine_passes_its_node_tests() {
    if let Some(why) = node_missing() {
        return unreachable_service::<()>("Node.js", &why).unwrap_or(());
    }
    let files = ["test/engine.test.mjs", "test/equivalence.test.mjs"];
    run(node_test(&files), "node --test", Duration::from_secs(240)).await;
}

#[tokio::test]
async fn the_engine_survives_chaos_on_txt_and_on_mysql_with_redis() {
    if let Some(why) = node_missing() {
        return unreachable_service::<()>("Node.js", &why).unwrap_or(());
    }
    let Some((db, prefix)) = services_on(Backend::Mysql).await else {
        return;
    };
    let mut settings = serde_json::Map::new();
    for (k, v) in db.env(&db.url()) {
        settings.insert(k.into(), v.into());
    }
    settings.insert("CHAT_REDIS_PREFIX".into(), prefix.prefix().into());
    let mut cmd = node_test(&["test/chaos.test.mjs"]);
    cmd.env(
        "CHAT_TS_CHAOS_SQL",
        serde_json::Value::Object(settings).to_string(),
    )
    .env("CHAT_TS_CHAOS_REDIS_URL", prefix.url());
    run(cmd, "the chaos runs", Duration::from_secs(300)).await;
}

#[tokio::test]
async fn the_types_check_with_tsc() {
    if let Some(why) = node_missing() {
        return unreachable_service::<()>("Node.js", &why).unwrap_or(());
    }
    let tsc = package().join("node_modules/typescript/bin/tsc");
    if !tsc.is_file() {
        let why = "TypeScript is not installed (npm ci --prefix clients/typescript)";
        return unreachable_service::<()>("tsc", why).unwrap_or(());
    }
    let mut cmd = tokio::process::Command::new("node");
    cmd.arg(tsc).arg("--noEmit").arg("-p").arg(package());
    run(cmd, "tsc --noEmit", Duration::from_secs(120)).await;
}
