//! 10,000 TCP connections that never finish a request (half of them silent, half sending
//! a head that never ends) do not keep new clients out, and the server closes every one
//! of them after `CHAT_HEADER_READ_TIMEOUT`, getting its file descriptors back.

#[path = "../multi_node/support.rs"]
mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use support::{send, Node};

const HALF_OPEN: usize = 10_000;

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_thousand_half_open_connections_are_timed_out_and_keep_nobody_out() {
    let dir = std::env::temp_dir().join(format!("chat-half-open-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let node = Node::spawn(&[
        ("CHAT_DATA_DIR", dir.to_str().unwrap()),
        ("CHAT_HEADER_READ_TIMEOUT", "3s"),
    ])
    .await;
    let pid = node.child.id().unwrap();
    let (alice, alice_id) = node.user("alice").await;
    let (bob, _) = node.user("bob").await;
    let (_, dm) = node
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&bob),
            json!({"kind": "direct", "peer_id": alice_id}),
        )
        .await;
    let dm = dm["id"].as_str().unwrap().to_owned();
    let baseline = open_fds(pid);

    let started = Instant::now();
    let mut conns = Vec::with_capacity(HALF_OPEN);
    for i in 0..HALF_OPEN {
        let mut c = TcpStream::connect(&node.addr).await.expect("connect");
        if i % 2 == 1 {
            c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .await
                .unwrap();
        }
        conns.push(c);
    }
    println!(
        "{HALF_OPEN} half-open connections in {:?}",
        started.elapsed()
    );

    // Meanwhile a new client signs in, opens a socket, sends and gets its ack.
    let t = Instant::now();
    let (carol, _) = node.user("carol").await;
    let mut ws = node.ws(&alice).await;
    let ack = ws.request(send(&dm, "during", "still served"), "r1").await;
    assert_eq!(ack["type"], "ack", "{ack}");
    println!(
        "a new client served in {:?} while they were open",
        t.elapsed()
    );
    assert!(!carol.is_empty());

    // Every one of them is closed by the server: a read sees the end (a 408 answer may
    // come first for the ones that started a request).
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut closed = 0;
    for mut c in conns {
        let left = deadline.saturating_duration_since(Instant::now());
        let mut buf = [0u8; 256];
        let end = tokio::time::timeout(left, async {
            loop {
                match c.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await;
        if end.is_ok() {
            closed += 1;
        }
    }
    assert_eq!(
        closed, HALF_OPEN,
        "the server closes every half-open connection"
    );
    println!(
        "all closed {:?} after the first was opened",
        started.elapsed()
    );
    // Their descriptors are released (the WebSocket and a few more may be open).
    let mut fds = open_fds(pid);
    for _ in 0..50 {
        if fds <= baseline + 20 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        fds = open_fds(pid);
    }
    assert!(
        fds <= baseline + 20,
        "{fds} descriptors open, {baseline} before"
    );
    let ack = ws.request(send(&dm, "after", "still here"), "r2").await;
    assert_eq!(ack["type"], "ack");
    let _ = std::fs::remove_dir_all(&dir);
}
