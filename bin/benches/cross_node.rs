//! Send → delivery latency between two users, on one node and across two nodes joined by
//! Redis (MySQL storage in both cases, so the difference is the hop between nodes).
//!
//! `cargo bench -p chat-server --bench cross_node` against `CHAT_TEST_MYSQL_URL` and
//! `CHAT_TEST_REDIS_URL` (defaults: the local services). One sender sends at a steady
//! 200 messages a second for 10 s (open loop, well below capacity, so this measures the
//! path, not a queue); the receiver timestamps each arrival. Prints one JSON line per
//! setup with p50/p90/p99/max in microseconds.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_redis::testing::TestPrefix;
use chat_server::{Config, Store};

const RATE: u64 = 200;
const SECS: u64 = 10;

async fn node(db: &TestDatabase, redis: &TestPrefix) -> (String, tokio::task::JoinHandle<()>) {
    let mut config = Config::with_addr("127.0.0.1:0".parse().unwrap());
    config.store = Store::Mysql;
    config.mysql_url = Some(db.url());
    config.redis_url = Some(redis.url().to_owned());
    config.redis_prefix = redis.prefix().to_owned();
    config.chat.rate_limit_max = 1_000_000;
    let listener = TcpListener::bind(config.addr).await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let built = chat_server::build(&config).await.unwrap();
    let task = tokio::spawn(async move {
        chat_server::serve_node(built, &config, listener, std::future::pending()).await;
    });
    (addr, task)
}

async fn http(addr: &str, path: &str, token: Option<&str>, body: Value) -> Value {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let body = body.to_string();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    serde_json::from_str(out.split_once("\r\n\r\n").unwrap().1).unwrap()
}

async fn user(addr: &str, name: &str) -> (String, String) {
    let creds = json!({"username": name, "password": "password-123"});
    http(addr, "/api/v1/users", None, creds.clone()).await;
    let s = http(addr, "/api/v1/sessions", None, creds).await;
    (
        s["token"].as_str().unwrap().to_owned(),
        s["user_id"].as_str().unwrap().to_owned(),
    )
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn ws(addr: &str, token: &str) -> Socket {
    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    req.headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    tokio_tungstenite::connect_async(req).await.unwrap().0
}

/// Latencies (µs) of `RATE × SECS` messages from a socket on `from` to one on `to`.
async fn measure(from: &str, to: &str, tag: &str) -> Vec<u64> {
    let (alice, _) = user(from, &format!("{tag}_a")).await;
    let (bob, bob_id) = user(to, &format!("{tag}_b")).await;
    let dm = http(
        from,
        "/api/v1/conversations",
        Some(&alice),
        json!({"kind": "direct", "peer_id": bob_id}),
    )
    .await;
    let dm = dm["id"].as_str().unwrap().to_owned();
    let (mut tx, mut rx_a) = ws(from, &alice).await.split();
    let mut rx = ws(to, &bob).await;
    let n = RATE * SECS;
    let receiver = tokio::spawn(async move {
        let mut arrived = HashMap::new();
        while arrived.len() < n as usize {
            match tokio::time::timeout(Duration::from_secs(10), rx.next()).await {
                Ok(Some(Ok(Message::Text(t)))) => {
                    let f: Value = serde_json::from_str(&t).unwrap();
                    if f["type"] == "message" {
                        let id = f["message"]["client_msg_id"].as_str().unwrap().to_owned();
                        arrived.insert(id, Instant::now());
                    }
                }
                Ok(Some(Ok(_))) => {}
                _ => break,
            }
        }
        arrived
    });
    // Acks are read and dropped, so the sender's socket never backs up.
    tokio::spawn(async move { while let Some(Ok(_)) = rx_a.next().await {} });
    let mut sent = HashMap::new();
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / RATE));
    for i in 0..n {
        tick.tick().await;
        let id = format!("m{i}");
        let frame = json!({"type": "send", "conversation_id": dm, "client_msg_id": id, "kind": "text", "body": "ping"});
        sent.insert(id, Instant::now());
        tx.send(Message::Text(frame.to_string().into()))
            .await
            .unwrap();
    }
    let arrived = receiver.await.unwrap();
    assert_eq!(arrived.len(), sent.len(), "every message arrived");
    let mut micros: Vec<u64> = sent
        .iter()
        .map(|(id, at)| arrived[id].duration_since(*at).as_micros() as u64)
        .collect();
    micros.sort_unstable();
    micros
}

fn report(setup: &str, micros: &[u64]) {
    let at = |q: f64| micros[((micros.len() as f64 * q) as usize).min(micros.len() - 1)];
    println!(
        "{}",
        json!({"setup": setup, "messages": micros.len(), "p50_us": at(0.50), "p90_us": at(0.90),
               "p99_us": at(0.99), "max_us": micros[micros.len() - 1]})
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = TestDatabase::create(&test_server_url())
            .await
            .expect("MySQL");
        let redis = TestPrefix::new(&chat_adapter_redis::testing::test_server_url())
            .await
            .expect("Redis");
        let (a, _ta) = node(&db, &redis).await;
        let (b, _tb) = node(&db, &redis).await;
        report("one node", &measure(&a, &a, "one").await);
        report("across two nodes", &measure(&a, &b, "two").await);
    });
}
