//! The three outgoing webhooks (push, events, before-send) against real local HTTPS
//! receivers whose certificates a CA of the test's own signed (trusted through
//! CHAT_EXTRA_CA_FILE), on the real binary: each call signed; push and events retried
//! after their receivers were down for 5 s; events queued before a SIGKILL delivered
//! after the restart, in order.

#[path = "../multi_node/support.rs"]
mod support;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use serde_json::{json, Value};

use chat_adapter_webhook::signature;
use chat_adapter_webhook::testing::{failing, Answerer, Receiver, TestCa};
use support::Node;

const PUSH_SECRET: &str = "push secret";
const EVENTS_SECRET: &str = "events secret";
const HOOK_SECRET: &str = "hook secret";

/// Accepts every send: one verdict per send of a run.
fn accept_all() -> Answerer {
    Arc::new(|_, body| {
        let sent: Value = serde_json::from_slice(body).unwrap();
        let accept = json!({"action": "accept"});
        let answer = match sent {
            Value::Array(sends) => Value::Array(vec![accept; sends.len()]),
            _ => accept,
        };
        (200, Bytes::from(answer.to_string()))
    })
}

/// Each request's signature checked under `secret`; the events taken, each once.
fn delivered(receiver: &Receiver, secret: &str) -> Vec<Value> {
    let mut seen = HashSet::new();
    receiver
        .received()
        .into_iter()
        .inspect(|r| assert_eq!(r.signature, signature(secret.as_bytes(), &r.body)))
        .filter(|r| r.answered == 200)
        .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap())
        .filter(|v| seen.insert(v.to_string()))
        .collect()
}

/// The seqs of the `message.created` events delivered so far, each once, in order.
fn created_seqs(events: &Receiver) -> Vec<u64> {
    let mut ids = HashSet::new();
    delivered(events, EVENTS_SECRET)
        .into_iter()
        .filter(|e| e["type"] == "message.created" && ids.insert(e["id"].to_string()))
        .map(|e| e["data"]["message"]["seq"].as_u64().unwrap())
        .collect()
}

async fn until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let end = tokio::time::Instant::now() + limit;
    while !done() {
        assert!(
            tokio::time::Instant::now() < end,
            "waited {limit:?} for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn push_events_and_before_send_over_https_survive_an_outage_and_a_sigkill() {
    let ca = TestCa::new();
    let (push, events, hook) = (
        Receiver::start_with(Some(&ca), failing(0)).await,
        Receiver::start_with(Some(&ca), failing(0)).await,
        Receiver::start_with(Some(&ca), accept_all()).await,
    );
    let dir = std::env::temp_dir().join(format!("chat-integrations-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, &ca.ca_pem).unwrap();
    let data = dir.join("data");
    let (data, ca_file) = (data.to_str().unwrap(), ca_file.to_str().unwrap());
    let (push_url, events_url, hook_url) = (push.url(), events.url(), hook.url());
    let env = [
        ("CHAT_STORE", "txt"),
        ("CHAT_DATA_DIR", data),
        ("CHAT_EXTRA_CA_FILE", ca_file),
        ("CHAT_PUSH_WEBHOOK_URL", push_url.as_str()),
        ("CHAT_PUSH_WEBHOOK_SECRET", PUSH_SECRET),
        ("CHAT_EVENTS_WEBHOOK_URL", events_url.as_str()),
        ("CHAT_EVENTS_WEBHOOK_SECRET", EVENTS_SECRET),
        ("CHAT_BEFORE_SEND_URL", hook_url.as_str()),
        ("CHAT_BEFORE_SEND_SECRET", HOOK_SECRET),
    ];
    assert!(push_url.starts_with("https://") && events_url.starts_with("https://"));
    let node = Node::spawn(&env).await;
    let (alice, _) = node.user("alice").await;
    let (_, bob_id) = node.user("bob").await;
    let (status, group) = node
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&alice),
            json!({"kind": "group", "title": "builds", "member_ids": [bob_id]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let messages = format!(
        "/api/v1/conversations/{}/messages",
        group["id"].as_str().unwrap()
    );
    let sender = Sender {
        messages,
        token: alice.clone(),
    };

    // All three reached, signed: bob is offline, so he is pushed.
    assert_eq!(sender.send(&node, "m1").await, 1);
    until("the first push and event", Duration::from_secs(10), || {
        !delivered(&push, PUSH_SECRET).is_empty() && created_seqs(&events) == [1]
    })
    .await;
    let screened = delivered(&hook, HOOK_SECRET);
    assert_eq!(screened[0]["body"], "message m1");
    let kinds: Vec<_> = delivered(&events, EVENTS_SECRET)
        .iter()
        .map(|e| e["type"].clone())
        .collect();
    assert_eq!(
        kinds,
        [json!("conversation.created"), json!("message.created")]
    );

    // Push and events receivers down for 5 s: both are retried and get through after.
    push.set_down(true);
    events.set_down(true);
    assert_eq!(sender.send(&node, "m2").await, 2);
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(created_seqs(&events), [1], "nothing got through while down");
    push.set_down(false);
    events.set_down(false);
    until(
        "m2's push and event after the outage",
        Duration::from_secs(20),
        || delivered(&push, PUSH_SECRET).len() >= 2 && created_seqs(&events) == [1, 2],
    )
    .await;

    // Events queued while the receiver is down outlive a SIGKILL.
    events.set_down(true);
    assert_eq!(sender.send(&node, "m3").await, 3);
    assert_eq!(sender.send(&node, "m4").await, 4);
    node.kill9().await;
    let node = Node::spawn(&env).await;
    events.set_down(false);
    until(
        "the events queued before the kill",
        Duration::from_secs(30),
        || created_seqs(&events) == [1, 2, 3, 4],
    )
    .await;
    let (status, metrics) = raw_metrics(&node).await;
    assert_eq!(status, 200);
    assert!(
        metrics.contains("chat_events_dead_letters_total 0"),
        "{metrics}"
    );
    drop(node);
    let _ = std::fs::remove_dir_all(&dir);
}

async fn raw_metrics(node: &Node) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(&node.addr).await.unwrap();
    let req = format!(
        "GET /metrics HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        node.addr
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    let (head, body) = out.split_once("\r\n\r\n").unwrap();
    (
        head.split_whitespace().nth(1).unwrap().parse().unwrap(),
        body.to_owned(),
    )
}

/// Alice's sends into the group.
struct Sender {
    messages: String,
    token: String,
}

impl Sender {
    /// Sends `id` and returns its seq.
    async fn send(&self, node: &Node, id: &str) -> u64 {
        let body = json!({"client_msg_id": id, "body": format!("message {id}")});
        let (status, m) = node
            .http("POST", &self.messages, Some(&self.token), body)
            .await;
        assert_eq!(status, 201, "{m}");
        m["seq"].as_u64().unwrap()
    }
}

/// Two nodes on one MySQL database: each event reaches the receiver (one node delivers,
/// holding the lease), and when the node holding it is killed the other takes over and
/// delivers what was queued meanwhile, through either node.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_share_the_queue_and_one_takes_over_from_a_killed_one() {
    let Some(db) = support::Sql::create(support::Backend::Mysql).await else {
        return;
    };
    let events = Receiver::start(0).await;
    let url = events.url();
    let sql = db.env(&db.url());
    let dir = std::env::temp_dir().join(format!("chat-integrations-{}", uuid::Uuid::new_v4()));
    let files = dir.to_str().unwrap().to_owned();
    let mut env: Vec<(&str, &str)> = sql.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.extend([
        ("CHAT_DATA_DIR", files.as_str()),
        ("CHAT_EVENTS_WEBHOOK_URL", url.as_str()),
        ("CHAT_EVENTS_WEBHOOK_SECRET", EVENTS_SECRET),
    ]);
    let (a, b) = (Node::spawn(&env).await, Node::spawn(&env).await);
    let (alice, _) = a.user("alice").await;
    let (_, bob) = b.user("bob").await;
    let (status, group) = a
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&alice),
            json!({"kind": "group", "title": "shared", "member_ids": [bob]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let sender = Sender {
        messages: format!(
            "/api/v1/conversations/{}/messages",
            group["id"].as_str().unwrap()
        ),
        token: alice,
    };
    for (i, node) in [&a, &b, &a, &b].into_iter().enumerate() {
        assert_eq!(sender.send(node, &format!("m{i}")).await, i as u64 + 1);
    }
    until(
        "four events through two nodes",
        Duration::from_secs(10),
        || created_seqs(&events) == [1, 2, 3, 4],
    )
    .await;
    let copies = events
        .received()
        .iter()
        .filter(|r| r.answered == 200)
        .count();
    let distinct = delivered(&events, EVENTS_SECRET).len();
    assert_eq!(copies, distinct, "one node delivers: no event twice");

    // Whichever holds the lease, killing a leaves b: it delivers within a lease (15 s).
    a.kill9().await;
    for i in 4..6 {
        assert_eq!(sender.send(&b, &format!("m{i}")).await, i as u64 + 1);
    }
    until("the events after the kill", Duration::from_secs(30), || {
        created_seqs(&events) == [1, 2, 3, 4, 5, 6]
    })
    .await;
    drop(b);
    let _ = std::fs::remove_dir_all(&dir);
}
