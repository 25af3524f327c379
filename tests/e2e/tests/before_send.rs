//! The before-send hook: each send (HTTP, WebSocket, incoming webhook) is POSTed, signed,
//! to a receiver before it is stored, and accepted, replaced or rejected; no answer in
//! time, or a broken one, follows the failure policy; a pipelined run is one call.

mod support;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::StatusCode;
use serde_json::{json, Value};

use chat_adapter_webhook::testing::{Answerer, Receiver};
use chat_server::HookFailure;
use support::*;

const SECRET: &str = "before-send secret";

/// Decides by the body: "spam" is rejected, "card 4111…" is redacted, the rest accepted;
/// a run gets an array of verdicts.
fn moderator() -> Answerer {
    let decide = |send: &Value| -> Value {
        let body = send["body"].as_str().unwrap_or("");
        if body.contains("spam") {
            json!({"action": "reject", "reason": "no spam in this chat"})
        } else if body.contains("4111") {
            json!({"action": "replace", "body": body.replace("4111 1111 1111 1111", "[card removed]")})
        } else {
            json!({"action": "accept"})
        }
    };
    Arc::new(move |_, body| {
        let sent: Value = serde_json::from_slice(body).unwrap();
        let answer = match &sent {
            Value::Array(sends) => Value::Array(sends.iter().map(decide).collect()),
            one => decide(one),
        };
        (200, Bytes::from(answer.to_string()))
    })
}

async fn server_with_hook(receiver: &Receiver, failure: HookFailure) -> Server {
    let url = receiver.url();
    Server::start_with(move |c| {
        c.before_send_url = Some(url);
        c.before_send_secret = Some(SECRET.into());
        c.before_send_timeout = Duration::from_millis(300);
        c.before_send_failure = failure;
    })
    .await
}

fn messages_path(conv: &str) -> String {
    format!("/api/v1/conversations/{conv}/messages")
}

async fn bodies(s: &Server, user: &User, conv: &str) -> Vec<String> {
    let page = s.get(&messages_path(conv), &user.token).await;
    page.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn each_send_is_accepted_replaced_or_rejected_by_the_hook() {
    let receiver = Receiver::start_with(None, moderator()).await;
    let s = server_with_hook(&receiver, HookFailure::Reject).await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let dm = s.direct(&alice, &bob).await;
    let mut bob_ws = s.ws(&bob).await;
    let send = |id: &str, body: &str| json!({"client_msg_id": id, "body": body});

    let ok = s
        .post(&messages_path(&dm), Some(&alice.token), send("a", "hello"))
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text);
    let redacted = s
        .post(
            &messages_path(&dm),
            Some(&alice.token),
            send("b", "my card: 4111 1111 1111 1111"),
        )
        .await;
    assert_eq!(redacted.status, StatusCode::CREATED, "{}", redacted.text);
    assert_eq!(redacted.json["body"], "my card: [card removed]");
    let spam = s
        .post(
            &messages_path(&dm),
            Some(&alice.token),
            send("c", "buy spam now"),
        )
        .await;
    assert_eq!(spam.status, StatusCode::FORBIDDEN, "{}", spam.text);
    assert_eq!(spam.json["error"]["code"], "forbidden");
    assert_eq!(spam.json["error"]["message"], "no spam in this chat");
    // Over the WebSocket: an error frame with the reason, and nothing stored.
    let mut alice_ws = s.ws(&alice).await;
    let refused = alice_ws
        .request(frames::send(&dm, "d", "spam again"), "d")
        .await;
    assert_eq!(
        (refused["type"].as_str(), refused["code"].as_str()),
        (Some("error"), Some("forbidden"))
    );
    assert_eq!(refused["message"], "no spam in this chat");
    assert_eq!(
        bodies(&s, &bob, &dm).await,
        ["hello", "my card: [card removed]"]
    );
    assert_eq!(bob_ws.next_of("message").await["message"]["body"], "hello");
    assert_eq!(
        bob_ws.next_of("message").await["message"]["body"],
        "my card: [card removed]"
    );

    // What the receiver got: signed JSON, one object per lone send.
    let got = receiver.received();
    assert_eq!(got.len(), 4);
    let first: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(
        first,
        json!({"sender_id": alice.id, "conversation_id": dm, "kind": "text", "body": "hello", "client_msg_id": "a"})
    );
    assert_eq!(
        got[0].signature,
        chat_adapter_webhook::signature(SECRET.as_bytes(), &got[0].body)
    );

    // An incoming webhook's post is screened too.
    let group = s.group(&alice, "ops", &[&bob]).await;
    let made = s
        .post(
            &format!("/api/v1/conversations/{group}/webhooks"),
            Some(&alice.token),
            json!({"name": "CI"}),
        )
        .await;
    let url = made.json["url"].as_str().unwrap().to_owned();
    let hooked = s.post(&url, None, json!({"body": "spam from CI"})).await;
    assert_eq!(hooked.status, StatusCode::FORBIDDEN, "{}", hooked.text);
}

#[tokio::test]
async fn a_pipelined_run_is_decided_in_one_call() {
    let receiver = Receiver::start_with(None, moderator()).await;
    let s = server_with_hook(&receiver, HookFailure::Reject).await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let dm = s.direct(&alice, &bob).await;
    let mut ws = s.ws(&alice).await;
    let bodies_sent = ["one", "spam two", "three", "four"];
    let frames: Vec<Value> = bodies_sent
        .iter()
        .enumerate()
        .map(|(i, body)| {
            json!({"type": "send", "conversation_id": dm, "client_msg_id": format!("p{i}"),
                   "body": body, "req": format!("r{i}")})
        })
        .collect();
    ws.pipeline(&frames).await;
    let mut kinds = Vec::new();
    for _ in 0..4 {
        let frame = ws.next_of_any(&["ack", "error"]).await;
        kinds.push((
            frame["req"].as_str().unwrap().to_owned(),
            frame["type"].as_str().unwrap().to_owned(),
        ));
    }
    assert_eq!(
        kinds,
        [("r0", "ack"), ("r1", "error"), ("r2", "ack"), ("r3", "ack")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let calls: Vec<Value> = receiver
        .received()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    let sends: usize = calls.iter().map(|c| c.as_array().map_or(1, Vec::len)).sum();
    assert_eq!(sends, 4);
    assert!(
        calls.len() < 4,
        "the run went in fewer calls than sends: {calls:?}"
    );
    assert_eq!(bodies(&s, &alice, &dm).await, ["one", "three", "four"]);
}

#[tokio::test]
async fn no_answer_or_a_broken_one_follows_the_failure_policy() {
    for policy in [HookFailure::Reject, HookFailure::Accept] {
        let garbage: Answerer =
            Arc::new(|_, _| (200, Bytes::from_static(b"{\"verdict\": \"maybe\"}")));
        let receiver = Receiver::start_with(None, garbage).await;
        let s = server_with_hook(&receiver, policy).await;
        let (alice, bob) = (s.user("alice").await, s.user("bob").await);
        let dm = s.direct(&alice, &bob).await;
        let broken = s
            .post(
                &messages_path(&dm),
                Some(&alice.token),
                json!({"client_msg_id": "x", "body": "hi"}),
            )
            .await;
        receiver.set_delay(Duration::from_secs(2));
        let started = std::time::Instant::now();
        let silent = s
            .post(
                &messages_path(&dm),
                Some(&alice.token),
                json!({"client_msg_id": "y", "body": "there"}),
            )
            .await;
        let waited = started.elapsed();
        assert!(
            waited < Duration::from_millis(1500),
            "the timeout holds: {waited:?}"
        );
        receiver.set_delay(Duration::ZERO);
        receiver.set_down(true);
        let down = s
            .post(
                &messages_path(&dm),
                Some(&alice.token),
                json!({"client_msg_id": "z", "body": "anyone?"}),
            )
            .await;
        match policy {
            HookFailure::Reject => {
                for r in [&broken, &silent, &down] {
                    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text);
                    assert_eq!(r.json["error"]["code"], "unavailable");
                }
                assert!(bodies(&s, &bob, &dm).await.is_empty());
            }
            HookFailure::Accept => {
                for r in [&broken, &silent, &down] {
                    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
                }
                assert_eq!(bodies(&s, &bob, &dm).await, ["hi", "there", "anyone?"]);
            }
        }
    }
}
