//! Faults under load, on the real binary:
//! - SIGKILL mid-stream, then a restart on the same store (TXT, MySQL, PostgreSQL): every
//!   acked message is there exactly once at its acked seq, seqs are gap-free, and
//!   resending the unanswered ones under their client ids stores each at most once;
//! - the database (MySQL, PostgreSQL) cut away and restored while clients send: they get
//!   `unavailable` (a retry is safe), health says so, and once it is back every message
//!   gets acked exactly once;
//! - Redis cut away and restored the same way: sends go on (health says `degraded`), and
//!   every message is acked and stored once; and the same with a Redis that hangs
//!   (connections open, nothing answered), printing ack latencies before and during.
//!
//! A proxy that drops every connection and refuses new ones is, to the server, a restart
//! of the service; it keeps the real services up for the tests running beside these.

#[path = "../multi_node/support.rs"]
mod support;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use chat_conformance::proxy::Proxy;
use support::{Backend, Node, Sql};

/// What the clients saw: acked client ids with their seqs, ids sent but never answered,
/// error codes counted, and each ack's time with its latency since the send.
#[derive(Default)]
struct Outcome {
    acked: HashMap<String, u64>,
    unanswered: BTreeMap<String, String>,
    errors: HashMap<String, u64>,
    acks: Vec<(Instant, Duration)>,
}

type Shared = Arc<Mutex<Outcome>>;

/// Sends to `conv` as fast as acks allow (16 in flight) until the socket dies or `n`
/// messages are acked. With `retry`, a message refused as `unavailable` is sent again
/// under its client id after a pause, as a client would.
async fn sender(
    addr: String,
    token: String,
    conv: String,
    tag: String,
    n: usize,
    retry: bool,
    out: Shared,
) {
    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    req.headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    let Ok((ws, _)) = tokio_tungstenite::connect_async(req).await else {
        return;
    };
    let (mut tx, mut rx) = ws.split();
    let frame = |id: &str| {
        json!({"type": "send", "req": id, "conversation_id": conv, "client_msg_id": id,
               "body": format!("load {id}")})
        .to_string()
    };
    let (mut next, mut in_flight, mut done) = (0usize, 0usize, 0usize);
    let mut retries: Vec<String> = Vec::new();
    let mut sent_at: HashMap<String, Instant> = HashMap::new();
    while done < n {
        while in_flight < 16 && (next < n || !retries.is_empty()) {
            let id = retries.pop().unwrap_or_else(|| {
                next += 1;
                format!("{tag}-{next}")
            });
            out.lock()
                .unwrap()
                .unanswered
                .insert(id.clone(), conv.clone());
            sent_at.insert(id.clone(), Instant::now());
            if tx.send(Message::Text(frame(&id).into())).await.is_err() {
                return;
            }
            in_flight += 1;
        }
        let Ok(Some(Ok(m))) = tokio::time::timeout(Duration::from_secs(20), rx.next()).await else {
            return;
        };
        let Message::Text(t) = m else { continue };
        let f: Value = serde_json::from_str(&t).unwrap();
        let Some(id) = f["req"].as_str().map(str::to_owned) else {
            continue;
        };
        in_flight -= 1;
        let refused = {
            let mut o = out.lock().unwrap();
            match f["type"].as_str() {
                Some("ack") => {
                    o.unanswered.remove(&id);
                    let seq = f["message"]["seq"].as_u64().unwrap();
                    if let Some(old) = o.acked.insert(id.clone(), seq) {
                        assert_eq!(old, seq, "{id} acked twice with different seqs");
                    }
                    if let Some(at) = sent_at.remove(&id) {
                        o.acks.push((Instant::now(), at.elapsed()));
                    }
                    done += 1;
                    false
                }
                Some("error") => {
                    let code = f["code"].as_str().unwrap_or("?").to_owned();
                    *o.errors.entry(code.clone()).or_default() += 1;
                    assert_eq!(
                        code, "unavailable",
                        "only the store being away refuses: {f}"
                    );
                    true
                }
                _ => false,
            }
        };
        if refused {
            if !retry {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            retries.push(id);
        }
    }
}

/// Every message of `conv` as (seq, client id), read back over HTTP.
async fn history(node: &Node, token: &str, conv: &str) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    loop {
        let after = out.last().map_or(0, |(s, _)| *s);
        let (status, page) = node
            .http(
                "GET",
                &format!("/api/v1/conversations/{conv}/messages?after_seq={after}&limit=100"),
                Some(token),
                Value::Null,
            )
            .await;
        assert_eq!(status, 200, "{page}");
        let page = page["messages"].as_array().unwrap().clone();
        if page.is_empty() {
            return out;
        }
        for m in page {
            out.push((
                m["seq"].as_u64().unwrap(),
                m["client_msg_id"].as_str().unwrap_or_default().to_owned(),
            ));
        }
    }
}

/// Gap-free seqs from 1, each client id once, each acked id at its acked seq.
async fn check_exactly_once(node: &Node, token: &str, convs: &[String], out: &Outcome) -> usize {
    let mut total = 0;
    let mut seen = HashMap::new();
    for conv in convs {
        let h = history(node, token, conv).await;
        for (i, (seq, id)) in h.iter().enumerate() {
            assert_eq!(*seq, i as u64 + 1, "gap-free seqs in {conv}");
            assert!(seen.insert(id.clone(), *seq).is_none(), "{id} stored twice");
        }
        total += h.len();
    }
    for (id, seq) in &out.acked {
        assert_eq!(seen.get(id), Some(seq), "acked {id} is stored at its seq");
    }
    total
}

/// Two users, a group and a direct conversation between them.
async fn setup(node: &Node) -> (String, String, Vec<String>) {
    let (alice, _) = node.user("alice").await;
    let (bob, bob_id) = node.user("bob").await;
    let (_, g) = node
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&alice),
            json!({"kind": "group", "title": "load", "member_ids": [bob_id]}),
        )
        .await;
    let (_, d) = node
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&alice),
            json!({"kind": "direct", "peer_id": bob_id}),
        )
        .await;
    let convs = vec![
        g["id"].as_str().unwrap().to_owned(),
        d["id"].as_str().unwrap().to_owned(),
    ];
    (alice, bob, convs)
}

/// The load: alice and bob to the group, alice to the direct conversation (tags s0, s1,
/// s2), each sending `n` messages.
fn spawn_senders(
    node: &Node,
    alice: &str,
    bob: &str,
    convs: &[String],
    n: usize,
    retry: bool,
    out: &Shared,
) -> Vec<tokio::task::JoinHandle<()>> {
    [(alice, &convs[0]), (bob, &convs[0]), (alice, &convs[1])]
        .into_iter()
        .enumerate()
        .map(|(i, (token, conv))| {
            tokio::spawn(sender(
                node.addr.clone(),
                token.to_owned(),
                conv.clone(),
                format!("s{i}"),
                n,
                retry,
                out.clone(),
            ))
        })
        .collect()
}

/// Starts three senders, kills the node with SIGKILL once `min_acked` messages are acked,
/// restarts it with `env` and checks what is stored.
async fn kill_under_load(env: &[(&str, &str)], min_acked: usize) {
    let node = Node::spawn(env).await;
    let (alice, bob, convs) = setup(&node).await;
    let out: Shared = Arc::default();
    let tasks = spawn_senders(&node, &alice, &bob, &convs, usize::MAX, false, &out);
    // Wait until a fair number are acked, so the kill lands mid-stream.
    for _ in 0..200 {
        if out.lock().unwrap().acked.len() >= min_acked {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    node.kill9().await;
    for t in tasks {
        t.await.unwrap();
    }
    let node = Node::spawn(env).await;
    let (alice, _) = node.login("alice").await;
    let o = std::mem::take(&mut *out.lock().unwrap());
    assert!(
        o.acked.len() >= min_acked,
        "the load ran: {} acked",
        o.acked.len()
    );
    let stored = check_exactly_once(&node, &alice, &convs, &o).await;
    println!(
        "{} acked, {} unanswered at the kill, {stored} stored after the restart",
        o.acked.len(),
        o.unanswered.len()
    );
    // The unanswered ones again, under the same ids: each stored at most once.
    let bob_token = node.login("bob").await.0;
    let retry: Shared = Arc::default();
    for (id, conv) in &o.unanswered {
        let token = if id.starts_with("s1-") {
            &bob_token
        } else {
            &alice
        };
        let (status, m) = node
            .http(
                "POST",
                &format!("/api/v1/conversations/{conv}/messages"),
                Some(token),
                json!({"client_msg_id": id, "kind": "text", "body": format!("load {id}")}),
            )
            .await;
        assert!(status == 200 || status == 201, "{status} {m}");
        retry
            .lock()
            .unwrap()
            .acked
            .insert(id.clone(), m["seq"].as_u64().unwrap());
    }
    let mut all = o;
    all.acked.extend(retry.lock().unwrap().acked.drain());
    check_exactly_once(&node, &alice, &convs, &all).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_kill_under_load_loses_no_acked_message_on_txt() {
    let dir = std::env::temp_dir().join(format!("chat-fault-txt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    kill_under_load(
        &[
            ("CHAT_STORE", "txt"),
            ("CHAT_DATA_DIR", d),
            ("CHAT_RATE_LIMIT_MAX", "1000000"),
        ],
        300,
    )
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A kill under load on a SQL store: `min_acked` acks before the kill.
async fn kill_under_load_on(backend: Backend, min_acked: usize) {
    let Some(db) = Sql::create(backend).await else {
        return;
    };
    let mut env: Vec<(&str, String)> = db.env(&db.url());
    env.push(("CHAT_RATE_LIMIT_MAX", "1000000".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    kill_under_load(&env, min_acked).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_kill_under_load_loses_no_acked_message_on_mysql() {
    // MariaDB here commits far fewer messages a second than the TXT store.
    kill_under_load_on(Backend::Mysql, 100).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_kill_under_load_loses_no_acked_message_on_postgres() {
    kill_under_load_on(Backend::Postgres, 100).await;
}

/// Which service a test takes away.
#[derive(Clone, Copy, PartialEq)]
enum Away {
    Database,
    Redis,
    /// Redis hangs: its connections stay open and nothing is answered.
    RedisHangs,
}

/// Three senders (400 messages each, retrying `unavailable`) on nodes over `backend`
/// while `away` is cut off for a second and comes back: what the clients and health see,
/// and that every message ends up acked and stored once.
async fn outage_under_load(backend: Backend, away: Away) {
    let Some((db, prefix)) = support::services_on(backend).await else {
        return;
    };
    let db_url = db.url();
    let proxy = match away {
        Away::Database => Proxy::in_front_of(&db_url, db.default_port()).await,
        Away::Redis | Away::RedisHangs => Proxy::in_front_of(prefix.url(), 6379).await,
    }
    .unwrap();
    let (sql_url, redis) = match away {
        Away::Database => (proxy.url_through(&db_url), prefix.url().to_owned()),
        Away::Redis | Away::RedisHangs => (db_url.clone(), proxy.url_through(prefix.url())),
    };
    let mut env: Vec<(&str, String)> = db.env(&sql_url);
    env.extend([
        ("CHAT_REDIS_URL", redis),
        ("CHAT_REDIS_PREFIX", prefix.prefix().to_owned()),
        ("CHAT_RATE_LIMIT_MAX", "1000000".into()),
    ]);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let node = Node::spawn(&env).await;
    let (alice, bob, convs) = setup(&node).await;
    let out: Shared = Arc::default();
    // A hang is held long enough to measure the acks within it.
    let (per_sender, outage) = match away {
        Away::RedisHangs => (2000, Duration::from_secs(3)),
        _ => (400, Duration::from_secs(1)),
    };
    let tasks = spawn_senders(&node, &alice, &bob, &convs, per_sender, true, &out);
    for _ in 0..200 {
        if out.lock().unwrap().acked.len() >= 100 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let cut_at = Instant::now();
    if away == Away::RedisHangs {
        proxy.stall();
    } else {
        proxy.cut();
    }
    let acked_at_cut = out.lock().unwrap().acked.len();
    let mut refused = false;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if out
            .lock()
            .unwrap()
            .errors
            .get("unavailable")
            .is_some_and(|n| *n > 0)
        {
            refused = true;
            break;
        }
    }
    let (status, health) = node.http("GET", "/healthz", None, Value::Null).await;
    match away {
        // Storage away: sends are refused as unavailable (nothing happened; retry).
        Away::Database => {
            assert_eq!(
                (status, health["status"].as_str()),
                (503, Some("unavailable")),
                "{health}"
            );
            assert!(
                refused,
                "sends during the outage are refused as unavailable"
            );
        }
        // Redis away: this node keeps storing and acking; only other nodes miss events.
        Away::Redis | Away::RedisHangs => {
            assert_eq!(
                (status, health["status"].as_str()),
                (200, Some("degraded")),
                "{health}"
            );
            let during = out.lock().unwrap().acked.len();
            assert!(during > acked_at_cut, "sends go on while Redis is away");
        }
    }
    tokio::time::sleep(outage.saturating_sub(cut_at.elapsed())).await;
    let restored_at = Instant::now();
    proxy.restore();
    for t in tasks {
        tokio::time::timeout(Duration::from_secs(60), t)
            .await
            .expect("the load finishes")
            .unwrap();
    }
    let o = std::mem::take(&mut *out.lock().unwrap());
    assert_eq!(
        o.acked.len(),
        3 * per_sender,
        "every message acked in the end"
    );
    assert!(o.unanswered.is_empty());
    let stored = check_exactly_once(&node, &alice, &convs, &o).await;
    assert_eq!(stored, 3 * per_sender, "each stored once");
    println!("{} acked, errors {:?}", o.acked.len(), o.errors);
    print_latencies(&o.acks, cut_at, restored_at);
    for _ in 0..50 {
        let (_, health) = node.http("GET", "/healthz", None, Value::Null).await;
        if health["status"] == "ok" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("health does not return to ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_mysql_outage_under_load_gives_clear_errors_then_recovers_losing_nothing() {
    outage_under_load(Backend::Mysql, Away::Database).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_postgres_outage_under_load_gives_clear_errors_then_recovers_losing_nothing() {
    outage_under_load(Backend::Postgres, Away::Database).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_redis_outage_under_load_loses_nothing_and_recovers() {
    outage_under_load(Backend::Mysql, Away::Redis).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hanging_redis_under_load_loses_nothing_and_recovers() {
    outage_under_load(Backend::Mysql, Away::RedisHangs).await;
}

/// Ack latencies before the outage and within it (figures for the docs, not asserted:
/// timing is measured, not tested).
fn print_latencies(acks: &[(Instant, Duration)], from: Instant, to: Instant) {
    let stats = |mut v: Vec<Duration>| {
        v.sort_unstable();
        let at = |q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)];
        (v.len(), at(0.5), at(0.99), v[v.len() - 1])
    };
    let before: Vec<Duration> = acks
        .iter()
        .filter(|(t, _)| *t < from)
        .map(|a| a.1)
        .collect();
    let during: Vec<Duration> = acks
        .iter()
        .filter(|(t, _)| *t >= from && *t < to)
        .map(|a| a.1)
        .collect();
    for (what, v) in [("before", before), ("during", during)] {
        if v.is_empty() {
            continue;
        }
        let (n, p50, p99, max) = stats(v);
        println!("acks {what} the outage: {n}, p50 {p50:?}, p99 {p99:?}, max {max:?}");
    }
}
