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
    for c in conns {
        closed += usize::from(closed_by(c, deadline).await);
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
    let fds = fds_settled_to(pid, baseline + 20).await;
    assert!(
        fds <= baseline + 20,
        "{fds} descriptors open, {baseline} before"
    );
    let ack = ws.request(send(&dm, "after", "still here"), "r2").await;
    assert_eq!(ack["type"], "ack");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The server's open descriptors once they are down to `at_most`, or after 5 s.
async fn fds_settled_to(pid: u32, at_most: usize) -> usize {
    let mut fds = open_fds(pid);
    for _ in 0..50 {
        if fds <= at_most {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        fds = open_fds(pid);
    }
    fds
}

/// Reads `c` until the server closes it; `false` if it is still open at `deadline`.
async fn closed_by(mut c: TcpStream, deadline: Instant) -> bool {
    let mut buf = [0u8; 512];
    let left = deadline.saturating_duration_since(Instant::now());
    tokio::time::timeout(left, async {
        loop {
            match c.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

/// 300 sign-ins that promise a 65,000-byte body and send one byte are answered and
/// closed once `CHAT_BODY_READ_TIMEOUT` (plus the time 65,000 bytes take at the minimum
/// rate) has passed, and the server gets their descriptors back; an upload that keeps
/// to the minimum rate takes longer than the timeout and still succeeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn slow_bodies_are_cut_off_and_an_upload_at_the_minimum_rate_still_works() {
    const SLOW: usize = 300;
    let dir = std::env::temp_dir().join(format!("chat-slow-body-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let node = Node::spawn(&[
        ("CHAT_DATA_DIR", dir.to_str().unwrap()),
        ("CHAT_BODY_READ_TIMEOUT", "2s"),
        ("CHAT_BODY_MIN_RATE_KB", "64"),
        ("CHAT_AUTH_RATE_LIMIT_MAX", "1000"),
    ])
    .await;
    let pid = node.child.id().unwrap();
    let (token, _) = node.user("uma").await;
    let baseline = open_fds(pid);

    let started = Instant::now();
    let mut slow = Vec::with_capacity(SLOW);
    for _ in 0..SLOW {
        let mut c = TcpStream::connect(&node.addr).await.expect("connect");
        let head = "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 65000\r\n\r\n{";
        c.write_all(head.as_bytes()).await.unwrap();
        slow.push(c);
    }
    // An upload of 320 KiB at about 80 KiB/s: 4 s, twice the timeout, above the rate.
    let upload = {
        let (addr, token) = (node.addr.clone(), token.clone());
        tokio::spawn(async move {
            let total = 320 * 1024;
            let mut c = TcpStream::connect(&addr).await.unwrap();
            let head = format!("POST /api/v1/files?name=slow.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Length: {total}\r\nConnection: close\r\n\r\n");
            c.write_all(head.as_bytes()).await.unwrap();
            for _ in 0..40 {
                c.write_all(&[7u8; 8 * 1024]).await.unwrap();
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let mut out = String::new();
            c.read_to_string(&mut out).await.unwrap();
            out
        })
    };
    // An upload that stalls is cut off the same way, and told why.
    let stalled = {
        let (addr, token) = (node.addr.clone(), token.clone());
        tokio::spawn(async move {
            let mut c = TcpStream::connect(&addr).await.unwrap();
            let head = format!("POST /api/v1/files?name=stuck.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Length: 100000\r\n\r\nten bytes.");
            c.write_all(head.as_bytes()).await.unwrap();
            let mut out = Vec::new();
            let _ = c.read_to_end(&mut out).await;
            String::from_utf8_lossy(&out).into_owned()
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let during = open_fds(pid);
    println!("{SLOW} slow bodies open: {during} descriptors, {baseline} before");

    let deadline = Instant::now() + Duration::from_secs(20);
    let mut closed = 0;
    for c in slow {
        closed += usize::from(closed_by(c, deadline).await);
    }
    assert_eq!(
        closed, SLOW,
        "the server closes every slow body's connection"
    );
    println!(
        "all closed {:?} after the first was opened",
        started.elapsed()
    );
    let fds = fds_settled_to(pid, baseline + 2).await;
    println!("after the timeout: {fds} descriptors");
    assert!(
        fds <= baseline + 2,
        "{fds} descriptors open, {baseline} before"
    );

    let stuck = stalled.await.unwrap();
    assert!(stuck.starts_with("HTTP/1.1 400"), "{stuck}");
    assert!(stuck.contains("CHAT_BODY_READ_TIMEOUT"), "{stuck}");
    let answer = upload.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let _ = std::fs::remove_dir_all(&dir);
}
