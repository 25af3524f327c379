//! Two `chat-server` processes behind one SQL database (MySQL, and PostgreSQL) and one
//! Redis: users on different nodes chat, a user with a device on each gets everything on
//! both, presence agrees from both sides, a killed node's users go offline, rate limits
//! hold across nodes, and a Redis outage is survived.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use chat_conformance::proxy::Proxy;
use support::*;

async fn presence(node: &Node, token: &str, user: &str) -> Value {
    let (status, list) = node
        .http(
            "GET",
            &format!("/api/v1/presence?user_id={user}"),
            Some(token),
            Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{list}");
    list[0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_share_messages_presence_and_rate_limits() {
    share_messages_presence_and_rate_limits(Backend::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_on_postgres_share_messages_presence_and_rate_limits() {
    share_messages_presence_and_rate_limits(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_redis_outage_keeps_each_node_serving_and_everything_resumes() {
    redis_outage(Backend::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_redis_outage_keeps_nodes_on_postgres_serving_and_everything_resumes() {
    redis_outage(Backend::Postgres).await;
}

async fn share_messages_presence_and_rate_limits(backend: Backend) {
    let Some((db, prefix)) = services_on(backend).await else {
        return;
    };
    let limit = [("CHAT_RATE_LIMIT_MAX", "6")];
    let a = Node::start(&db, prefix.url(), prefix.prefix(), &limit).await;
    let b = Node::start(&db, prefix.url(), prefix.prefix(), &limit).await;
    let (alice, alice_id) = a.user("alice").await;
    let (bob, bob_id) = b.user("bob").await;
    let (carol, carol_id) = a.user("carol").await;

    let mut alice_a = a.ws(&alice).await;
    let mut bob_b = b.ws(&bob).await;
    let mut carol_a = a.ws(&carol).await;
    let mut carol_b = b.ws(&carol).await;

    // A direct conversation across the nodes, both ways.
    let (status, dm) = a
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&alice),
            json!({"kind": "direct", "peer_id": bob_id}),
        )
        .await;
    assert_eq!(status, 201, "{dm}");
    let dm = dm["id"].as_str().unwrap().to_owned();
    // The send limit counts in windows of a minute aligned to the clock: alice's sends
    // below must all fall in one, so a run close to a minute's end waits for the next.
    let second = chrono::Utc::now().timestamp().rem_euclid(60);
    if second >= 40 {
        tokio::time::sleep(std::time::Duration::from_secs((61 - second) as u64)).await;
    }
    let ack = alice_a
        .request(send(&dm, "d1", "hi bob, from node A"), "r1")
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    bob_b.message("hi bob, from node A").await;
    let ack = bob_b
        .request(send(&dm, "d2", "hi alice, from node B"), "r2")
        .await;
    assert_eq!(ack["message"]["seq"], 2);
    alice_a.message("hi alice, from node B").await;

    // A group: everyone gets each message once, on every device, on either node.
    let (status, group) = b
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&bob),
            json!({"kind": "group", "title": "两个节点", "member_ids": [alice_id, carol_id]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let group = group["id"].as_str().unwrap().to_owned();
    alice_a.request(send(&group, "g1", "from A 🅰️"), "r3").await;
    for ws in [&mut bob_b, &mut carol_a, &mut carol_b] {
        ws.message("from A 🅰️").await;
    }
    carol_b
        .request(send(&group, "g2", "from carol's B device"), "r4")
        .await;
    for ws in [&mut alice_a, &mut bob_b, &mut carol_a] {
        ws.message("from carol's B device").await;
    }
    // Presence is shared between members who both have sent: bob too, now.
    bob_b
        .request(send(&group, "g3", "from bob on B"), "r5")
        .await;
    for ws in [&mut alice_a, &mut carol_a, &mut carol_b] {
        ws.message("from bob on B").await;
    }

    // Presence is one truth, whichever node is asked.
    for (node, token) in [(&a, &alice), (&b, &bob)] {
        assert_eq!(presence(node, token, &carol_id).await["status"], "online");
    }
    assert_eq!(presence(&b, &bob, &alice_id).await["status"], "online");

    // The send limit (6 a minute) counts sends on both nodes: alice has sent 2.
    let path = format!("/api/v1/conversations/{dm}/messages");
    let mut statuses = Vec::new();
    for i in 0..6 {
        let node = if i % 2 == 0 { &b } else { &a };
        let body = json!({"client_msg_id": format!("rl-{i}"), "kind": "text", "body": "again"});
        statuses.push(node.http("POST", &path, Some(&alice), body).await.0);
    }
    assert_eq!(statuses, [201, 201, 201, 201, 429, 429]);

    // Node B dies without a word: bob (only there) goes offline as seen from A within
    // two ping intervals plus a sweep; carol keeps her device on A.
    let killed = Instant::now();
    b.kill9().await;
    // (Frames that introduced alice to the others' presence at their first sends
    // come first.)
    let offline = loop {
        let f = alice_a.next_of("presence").await;
        if f["status"] == "offline" {
            break f;
        }
    };
    let waited = killed.elapsed();
    assert_eq!(
        (offline["user_id"].as_str(), offline["status"].as_str()),
        (Some(bob_id.as_str()), Some("offline")),
        "{offline}"
    );
    assert!(waited < Duration::from_secs(4), "offline after {waited:?}");
    let p = presence(&a, &alice, &bob_id).await;
    assert_eq!(p["status"], "offline");
    assert_eq!(presence(&a, &alice, &carol_id).await["status"], "online");
    println!("bob offline on node A {waited:?} after node B was killed");
}

async fn redis_outage(backend: Backend) {
    let Some((db, prefix)) = services_on(backend).await else {
        return;
    };
    let proxy = Proxy::in_front_of(prefix.url(), 6379).await.unwrap();
    let redis = proxy.url_through(prefix.url());
    let a = Node::start(&db, &redis, prefix.prefix(), &[]).await;
    let b = Node::start(&db, &redis, prefix.prefix(), &[]).await;
    let (alice, alice_id) = a.user("alice").await;
    let (bob, _) = b.user("bob").await;
    let (_, dm) = a
        .http(
            "POST",
            "/api/v1/conversations",
            Some(&bob),
            json!({"kind": "direct", "peer_id": alice_id}),
        )
        .await;
    let dm = dm["id"].as_str().unwrap().to_owned();
    let mut alice_a = a.ws(&alice).await;
    let mut bob_b = b.ws(&bob).await;
    bob_b.request(send(&dm, "m1", "before"), "r1").await;
    alice_a.message("before").await;

    // Redis goes away, and comes back empty (as a restarted Redis without persistence).
    proxy.cut();
    let flushed = prefix.flush().await.unwrap();
    assert!(flushed >= 1, "the prefix held keys");
    let (status, health) = a.http("GET", "/healthz", None, Value::Null).await;
    assert_eq!(
        (status, health["status"].as_str()),
        (200, Some("degraded")),
        "{health}"
    );
    // Traffic goes on: sends are still stored and acked (storage is MySQL); only the
    // other node misses them live.
    let mut acked = 1;
    for i in 0..10 {
        let body = format!("during {i}");
        let during = bob_b
            .request(send(&dm, &format!("m2-{i}"), &body), &format!("r2-{i}"))
            .await;
        assert_eq!(during["type"], "ack", "{during}");
        acked += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    proxy.restore();
    let mut resumed = false;
    for i in 0..50 {
        let body = format!("after {i}");
        let ack = bob_b
            .request(send(&dm, &format!("m3-{i}"), &body), &format!("r3-{i}"))
            .await;
        assert_eq!(ack["type"], "ack");
        acked += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
        if let Some(got) = drain_messages(&mut alice_a)
            .await
            .into_iter()
            .find(|m| m["message"]["body"] == body.as_str())
        {
            assert_eq!(got["message"]["seq"], ack["message"]["seq"]);
            resumed = true;
            break;
        }
    }
    assert!(resumed, "live delivery across nodes resumes");
    let (_, health) = a.http("GET", "/healthz", None, Value::Null).await;
    assert_eq!(health["status"], "ok", "{health}");
    // What alice missed live, history has: every acked seq, in order, without gaps.
    let (_, page) = a
        .http(
            "GET",
            &format!("/api/v1/conversations/{dm}/messages?limit=100"),
            Some(&alice),
            Value::Null,
        )
        .await;
    let seqs: Vec<u64> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, (1..=acked).collect::<Vec<_>>());
    let bodies: Vec<&str> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies[1..11],
        (0..10).map(|i| format!("during {i}")).collect::<Vec<_>>()
    );
}

/// The `message` frames that have arrived so far.
async fn drain_messages(ws: &mut Ws) -> Vec<Value> {
    let mut out = Vec::new();
    while let Ok(f) = tokio::time::timeout(Duration::from_millis(50), ws.next()).await {
        if f["type"] == "message" {
            out.push(f);
        }
    }
    out
}
