//! The built-in web client in a real browser: the server runs here on the TXT store (as a
//! default install does) with proof-of-work sign-ups (`CHAT_SIGNUP_CHALLENGE=pow` at the
//! default difficulty), and `tests/browser/run.mjs` drives two people and an admin
//! through its pages in Debian's Chromium with Playwright. Screenshots go to
//! `target/browser/`. The client's scripts are also checked in Node alone
//! (`tests/browser/*.test.mjs`: the SHA-256 against Node's, the challenge flows).
//!
//! Needs Node.js, Chromium (`CHROMIUM`, default `/usr/bin/chromium`) and
//! `npm ci --prefix tests/browser`; `.ci/run` installs them. Without them the test says it
//! skipped, unless `CHAT_REQUIRE_SERVICES=1`.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chat_conformance::services::unreachable_service;
use support::*;

const ADMIN: &str = "root_admin";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What the browser run needs, or why it cannot run here.
fn prerequisites() -> Result<PathBuf, String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Err(format!(
            "no Chromium at {chromium} (apt-get install chromium)"
        ));
    }
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("no Node.js (apt-get install nodejs npm)".into());
    }
    let dir = workspace().join("tests/browser");
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Err("Playwright is not installed (npm ci --prefix tests/browser)".into());
    }
    Ok(dir)
}

#[tokio::test(flavor = "multi_thread")]
async fn two_people_chat_and_an_admin_bans_one_in_a_real_browser() {
    let dir = match prerequisites() {
        Ok(dir) => dir,
        Err(why) => return unreachable_service::<()>("the browser", &why).unwrap_or(()),
    };
    let data = std::env::temp_dir().join(format!("chat-browser-{}", uuid::Uuid::new_v4()));
    let s = Server::start_with(|c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = data.clone();
        c.chat.challenges.signup_challenge = chat_server::ChallengeMode::Pow;
    })
    .await;
    s.admin(ADMIN).await;

    let out = workspace().join("target/browser");
    let run = tokio::process::Command::new("node")
        .arg("run.mjs")
        .current_dir(&dir)
        .env("CHAT_BROWSER_URL", format!("http://{}", s.addr))
        .env("CHAT_BROWSER_ADMIN", format!("{ADMIN}:{PW}"))
        .env("CHAT_BROWSER_OUT", &out)
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(240), run)
        .await
        .expect("the browser run ends within 4 minutes")
        .expect("node starts");
    let _ = std::fs::remove_dir_all(&data);
    println!("{}", String::from_utf8_lossy(&output.stdout));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser run failed");
    assert!(out.join("chat-desktop.png").is_file());
}

#[tokio::test]
async fn the_client_scripts_pass_their_checks_in_node() {
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return unreachable_service::<()>("Node.js", "no node (apt-get install nodejs)")
            .unwrap_or(());
    }
    for script in ["pow.test.mjs", "challenge.test.mjs"] {
        let run = tokio::process::Command::new("node")
            .arg(script)
            .current_dir(workspace().join("tests/browser"))
            .kill_on_drop(true)
            .output();
        let output = tokio::time::timeout(Duration::from_secs(120), run)
            .await
            .expect("the checks end within 2 minutes")
            .expect("node starts");
        println!("{}", String::from_utf8_lossy(&output.stdout));
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "{script} failed");
    }
}
