//! Moderation of messages: a group's owner removes any message of the group, a server
//! admin any message anywhere; both leave a tombstone that says who removed it and when,
//! told apart from a sender's recall.

mod support;

use http::{Method, StatusCode};
use serde_json::{json, Value};
use support::*;

async fn send(s: &Server, who: &User, conv: &str, id: &str, body: &str) -> u64 {
    let r = s
        .post(
            &format!("/api/v1/conversations/{conv}/messages"),
            Some(&who.token),
            json!({"client_msg_id": id, "body": body}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["seq"].as_u64().unwrap()
}

async fn delete(s: &Server, who: &User, path: &str) -> Resp {
    s.call(Method::DELETE, path, Some(&who.token), None).await
}

fn message(conv: &str, seq: u64) -> String {
    format!("/api/v1/conversations/{conv}/messages/{seq}")
}

fn admin_message(conv: &str, seq: u64) -> String {
    format!("/api/v1/admin/conversations/{conv}/messages/{seq}")
}

/// The message at `seq` as `who` reads it in history.
async fn in_history(s: &Server, who: &User, conv: &str, seq: u64) -> Value {
    let page = s
        .get(
            &format!("/api/v1/conversations/{conv}/messages"),
            &who.token,
        )
        .await;
    page.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["seq"] == seq)
        .cloned()
        .unwrap_or_else(|| panic!("no seq {seq} in {}", page.text))
}

#[tokio::test]
async fn a_group_owners_removal_is_recorded_and_told_apart_from_a_recall() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "team", &[&bob, &carol]).await;
    let rude = send(&s, &bob, &g, "b1", "something rude").await;
    let oops = send(&s, &bob, &g, "b2", "oops, wrong room").await;
    let mut c = s.ws(&carol).await;

    let refused = delete(&s, &carol, &message(&g, rude)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "a plain member");

    let removed = delete(&s, &alice, &message(&g, rude)).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text);
    assert_eq!(
        (&removed.json["deleted"], &removed.json["body"]),
        (&json!(true), &Value::Null)
    );
    assert_eq!(removed.json["removed_by"], alice.id.as_str());
    assert!(removed.json["removed_at"].is_string());
    let told = c.next_of("message_updated").await;
    assert_eq!(told["change"], "recall", "{told}");
    assert_eq!(told["message"]["removed_by"], alice.id.as_str());

    let recalled = delete(&s, &bob, &message(&g, oops)).await;
    assert_eq!(recalled.status, StatusCode::OK, "{}", recalled.text);
    assert_eq!(recalled.json["deleted"], true);
    assert!(
        recalled.json.get("removed_by").is_none(),
        "a sender's own recall: {}",
        recalled.text
    );

    let seen = in_history(&s, &carol, &g, rude).await;
    assert_eq!(seen["removed_by"], alice.id.as_str());
    assert_eq!(seen["removed_at"], removed.json["removed_at"]);
    assert!(in_history(&s, &carol, &g, oops)
        .await
        .get("removed_by")
        .is_none());
    assert_eq!(
        delete(&s, &alice, &message(&g, rude)).await.status,
        StatusCode::CONFLICT,
        "a tombstone already"
    );
}

#[tokio::test]
async fn a_server_admin_removes_any_message_and_nobody_else_may() {
    let s = Server::start().await;
    let root = s.admin("root").await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let d = s.direct(&alice, &bob).await;
    let spam = send(&s, &alice, &d, "a1", "buy now!!!").await;
    let pinned = s
        .post(
            &format!("/api/v1/conversations/{d}/pins"),
            Some(&bob.token),
            json!({"seq": spam}),
        )
        .await;
    assert_eq!(pinned.status, StatusCode::NO_CONTENT);
    let mut b = s.ws(&bob).await;

    for who in [&alice, &bob] {
        let r = delete(&s, who, &admin_message(&d, spam)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    }
    let removed = delete(&s, &root, &admin_message(&d, spam)).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.text);
    assert_eq!(removed.json["removed_by"], root.id.as_str());
    assert_eq!(removed.json["body"], Value::Null);
    let told = b.next_of_any(&["message_updated", "unpinned"]).await;
    let other = if told["type"] == "unpinned" {
        "message_updated"
    } else {
        "unpinned"
    };
    b.next_of(other).await;
    let pins = s
        .get(&format!("/api/v1/conversations/{d}/pins"), &bob.token)
        .await;
    assert_eq!(pins.json["messages"], json!([]), "a removal unpins");
    assert_eq!(
        in_history(&s, &bob, &d, spam).await["removed_by"],
        root.id.as_str()
    );

    let again = delete(&s, &root, &admin_message(&d, spam)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        delete(&s, &root, &admin_message(&d, 99)).await.status,
        StatusCode::NOT_FOUND
    );
    let nowhere = uuid::Uuid::new_v4();
    assert_eq!(
        delete(&s, &root, &admin_message(&nowhere.to_string(), 1))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        delete(
            &s,
            &root,
            &format!("/api/v1/admin/conversations/{d}/messages/x")
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
}
