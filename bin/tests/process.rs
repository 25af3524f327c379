//! The real `chat-server` binary, started as a process with default settings on a
//! temporary data directory: two clients chat over it, and SIGTERM stops it cleanly.

use std::process::Stdio;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

async fn http(addr: &str, method: &str, path: &str, token: Option<&str>, body: Value) -> Value {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let body = body.to_string();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    let (_, json) = out.split_once("\r\n\r\n").expect("a response");
    serde_json::from_str(json).unwrap_or(Value::Null)
}

async fn next_text(
    ws: &mut tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
) -> Value {
    loop {
        let m = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        if let Message::Text(t) = m {
            return serde_json::from_str(&t).unwrap();
        }
    }
}

/// Starts the binary on `dir` and returns it with the address it listens on.
async fn start(dir: &std::path::Path) -> (tokio::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .env("CHAT_ADDR", "127.0.0.1:0")
        .env("CHAT_DATA_DIR", dir)
        .env("CHAT_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("chat-server starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split("addr=").nth(1) {
                return rest.split_whitespace().next().unwrap().to_owned();
            }
        }
        panic!("chat-server exited before listening");
    })
    .await
    .expect("chat-server announces its address");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, addr)
}

async fn sigterm(mut child: tokio::process::Child) {
    let pid = child.id().expect("running") as i32;
    // `kill` sends SIGTERM without a libc dependency in the test.
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status()
        .await
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits after SIGTERM")
        .unwrap();
    assert!(exit.success(), "{exit:?}");
}

#[tokio::test]
async fn the_binary_serves_two_clients_stops_on_sigterm_and_keeps_history_across_a_restart() {
    let dir = std::env::temp_dir().join(format!("chat-server-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (child, addr) = start(&dir).await;

    let mut tokens = Vec::new();
    for name in ["ana", "ben"] {
        http(
            &addr,
            "POST",
            "/api/v1/users",
            None,
            json!({"username": name, "password": "password-123"}),
        )
        .await;
        let s = http(
            &addr,
            "POST",
            "/api/v1/sessions",
            None,
            json!({"username": name, "password": "password-123"}),
        )
        .await;
        tokens.push((
            s["token"].as_str().unwrap().to_owned(),
            s["user_id"].as_str().unwrap().to_owned(),
        ));
    }
    let conv = http(
        &addr,
        "POST",
        "/api/v1/conversations",
        Some(&tokens[0].0),
        json!({"kind": "direct", "peer_id": tokens[1].1}),
    )
    .await;
    let conv = conv["id"].as_str().unwrap().to_owned();

    let mut sockets = Vec::new();
    for (token, _) in &tokens {
        let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
        req.headers_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
        let (mut ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
        assert_eq!(next_text(&mut ws).await["type"], "ready");
        sockets.push(ws);
    }
    let frame = json!({"type": "send", "req": "1", "conversation_id": conv, "client_msg_id": "hello-1", "body": "hello ben 👋"});
    sockets[0]
        .send(Message::Text(frame.to_string().into()))
        .await
        .unwrap();
    let mut got = None;
    for _ in 0..3 {
        let f = next_text(&mut sockets[1]).await;
        if f["type"] == "message" {
            got = Some(f);
            break;
        }
    }
    assert_eq!(
        got.expect("ben receives")["message"]["body"],
        "hello ben 👋"
    );

    drop(sockets);
    sigterm(child).await;

    // The default store is the TXT files under CHAT_DATA_DIR: a new process finds the
    // accounts, sessions and messages of the old one.
    let (child, addr) = start(&dir).await;
    let path = format!("/api/v1/conversations/{conv}/messages");
    let page = http(&addr, "GET", &path, Some(&tokens[1].0), Value::Null).await;
    assert_eq!(page["messages"][0]["body"], "hello ben 👋", "{page}");
    assert_eq!(page["messages"][0]["seq"], 1);
    sigterm(child).await;
    assert_owner_only(&dir);
    let _ = std::fs::remove_dir_all(dir);
}

/// Fails unless `dir` and everything under it is for the server's user alone (0700
/// directories, 0600 files): the data holds password and token hashes, every message
/// and every upload.
fn assert_owner_only(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{}", dir.display());
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            assert_owner_only(&p);
        } else {
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", p.display());
        }
    }
}

/// Files under `dir`, recursively.
fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_in(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn a_kill_during_an_upload_leaves_no_partial_file() {
    use tokio::io::AsyncWriteExt;
    let dir = std::env::temp_dir().join(format!("chat-upload-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut child, addr) = start(&dir).await;
    let creds = json!({"username": "uma", "password": "password-123"});
    http(&addr, "POST", "/api/v1/users", None, creds.clone()).await;
    let token = http(&addr, "POST", "/api/v1/sessions", None, creds).await["token"]
        .as_str()
        .unwrap()
        .to_owned();

    // Half of a 5 MB upload, then SIGKILL.
    let total = 5 * 1024 * 1024;
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/v1/files?name=big.bin HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/octet-stream\r\nContent-Length: {total}\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&vec![42u8; total / 2]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    child.kill().await.unwrap();
    drop(s);

    let (child, addr) = start(&dir).await;
    let files = dir.join("files");
    let left: Vec<_> = files_in(&files);
    assert!(
        left.is_empty(),
        "nothing of the upload is visible: {left:?}"
    );
    // And the store still takes uploads.
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let req = format!(
        "POST /api/v1/files?name=small.txt HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    tokio::io::AsyncReadExt::read_to_string(&mut s, &mut out)
        .await
        .unwrap();
    assert!(out.starts_with("HTTP/1.1 201"), "{out}");
    assert_eq!(files_in(&files.join("meta")).len(), 1);
    sigterm(child).await;
    assert_owner_only(&dir);
    let _ = std::fs::remove_dir_all(dir);
}
