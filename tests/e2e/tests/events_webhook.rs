//! The events webhook: message.created, message.updated, member.added, member.removed
//! and conversation.created reach the host's receiver, signed, once each in order per
//! conversation; an event the receiver refuses every time becomes a counted dead letter.

mod support;

use std::collections::HashSet;

use http::{Method, StatusCode};
use serde_json::{json, Value};

use chat_adapter_webhook::testing::Receiver;
use support::*;

const SECRET: &str = "events secret";

async fn with_events(receiver: &Receiver, attempts: u32) -> Server {
    let url = receiver.url();
    Server::start_with(move |c| {
        c.events_webhook_url = Some(url);
        c.events_webhook_secret = Some(SECRET.into());
        c.events_max_attempts = attempts;
    })
    .await
}

/// The events received so far, each once (repeats dropped by id, as a receiver does),
/// every one checked against its signature.
fn events(receiver: &Receiver) -> Vec<Value> {
    let mut seen = HashSet::new();
    receiver
        .received()
        .into_iter()
        .filter(|r| r.answered == 200)
        .map(|r| {
            assert_eq!(
                r.signature,
                chat_adapter_webhook::signature(SECRET.as_bytes(), &r.body)
            );
            let e: Value = serde_json::from_slice(&r.body).unwrap();
            assert_eq!(r.delivery, e["id"].as_str().unwrap());
            e
        })
        .filter(|e| seen.insert(e["id"].as_str().unwrap().to_owned()))
        .collect()
}

async fn wait_for_events(receiver: &Receiver, n: usize) -> Vec<Value> {
    for _ in 0..500 {
        let got = events(receiver);
        if got.len() >= n {
            return got;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("waited for {n} events, got {:?}", events(receiver));
}

#[tokio::test]
async fn each_kind_of_event_reaches_the_receiver_signed_and_in_order() {
    let receiver = Receiver::start(0).await;
    let s = with_events(&receiver, 12).await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let group = s.group(&alice, "team", &[&bob]).await;
    let path = format!("/api/v1/conversations/{group}/messages");
    let sent = s
        .post(
            &path,
            Some(&alice.token),
            json!({"client_msg_id": "m1", "body": "hello"}),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED);
    let edit = s
        .call(
            Method::PATCH,
            &format!("{path}/1"),
            Some(&alice.token),
            Some(json!({"body": "hello all"})),
        )
        .await;
    assert_eq!(edit.status, StatusCode::OK, "{}", edit.text);
    let react = s
        .post(
            &format!("{path}/1/reactions"),
            Some(&bob.token),
            json!({"emoji": "👍"}),
        )
        .await;
    assert_eq!(react.status, StatusCode::OK);
    let members = format!("/api/v1/conversations/{group}/members");
    assert_eq!(
        s.post(&members, Some(&alice.token), json!({"user_id": carol.id}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let leave = s
        .call(
            Method::DELETE,
            &format!("{members}/{}", bob.id),
            Some(&bob.token),
            None,
        )
        .await;
    assert_eq!(leave.status, StatusCode::NO_CONTENT);
    let dm = s.direct(&alice, &carol).await;

    let got = wait_for_events(&receiver, 7).await;
    let kinds: Vec<(&str, &str)> = got
        .iter()
        .map(|e| {
            let conv = e["data"]["message"]["conversation_id"]
                .as_str()
                .or(e["data"]["conversation_id"].as_str())
                .or(e["data"]["conversation"]["id"].as_str())
                .unwrap();
            (
                e["type"].as_str().unwrap(),
                if conv == group { "group" } else { "dm" },
            )
        })
        .collect();
    let in_group: Vec<&str> = kinds
        .iter()
        .filter(|k| k.1 == "group")
        .map(|k| k.0)
        .collect();
    assert_eq!(
        in_group,
        [
            "conversation.created",
            "message.created",
            "message.updated",
            "message.updated",
            "member.added",
            "member.removed",
        ],
        "one conversation's events in order"
    );
    assert!(kinds.contains(&("conversation.created", "dm")));

    let created = got.iter().find(|e| e["type"] == "message.created").unwrap();
    assert_eq!(created["data"]["message"]["seq"], 1);
    assert_eq!(created["data"]["message"]["sender_id"], alice.id.as_str());
    let changes: Vec<&Value> = got
        .iter()
        .filter(|e| e["type"] == "message.updated")
        .map(|e| &e["data"]["change"])
        .collect();
    assert_eq!(changes, [&json!("edit"), &json!("reaction")]);
    let added = got.iter().find(|e| e["type"] == "member.added").unwrap();
    assert_eq!(
        added["data"],
        json!({"conversation_id": group, "user_id": carol.id, "by": alice.id})
    );
    let removed = got.iter().find(|e| e["type"] == "member.removed").unwrap();
    assert_eq!(
        removed["data"],
        json!({"conversation_id": group, "user_id": bob.id, "by": bob.id})
    );
    let made = got
        .iter()
        .find(|e| {
            e["type"] == "conversation.created" && e["data"]["conversation"]["id"] == dm.as_str()
        })
        .unwrap();
    assert_eq!(made["data"]["conversation"]["kind"], "direct");
    assert_eq!(made["data"]["members"].as_array().unwrap().len(), 2);
    assert_eq!(made["data"]["by"], alice.id.as_str());
    for e in &got {
        assert!(e["at"].is_string() && e["sent_at"].is_string(), "{e}");
    }
    assert_eq!(
        s.metric("chat_events_delivered_total").await,
        got.len() as f64
    );
}

#[tokio::test]
async fn an_event_the_receiver_always_refuses_becomes_a_counted_dead_letter() {
    let receiver = Receiver::start(usize::MAX).await;
    let s = with_events(&receiver, 2).await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let _dm = s.direct(&alice, &bob).await;
    // Two attempts, 500 ms apart, then it is given up.
    for _ in 0..100 {
        if s.metric("chat_events_dead_letters_total").await >= 1.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(s.metric("chat_events_dead_letters_total").await, 1.0);
    assert_eq!(receiver.received().len(), 2, "two attempts");
    assert_eq!(s.metric("chat_events_delivered_total").await, 0.0);
    let queued = s
        .app
        .ports()
        .storage
        .events
        .pending(None, 10)
        .await
        .unwrap();
    assert!(queued.is_empty(), "a dead letter leaves the queue");
}
