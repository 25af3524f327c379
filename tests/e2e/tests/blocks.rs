//! Blocking: a blocked user cannot open or use a direct conversation with the blocker
//! (refused exactly as a non-member is, so a block is not advertised), their mentions of
//! the blocker are not kept, and the blocker hears no presence or typing of theirs.
//! Groups are otherwise unchanged.

mod support;

use std::time::Duration;

use http::{Method, StatusCode};
use serde_json::json;
use support::*;

const QUIET: Duration = Duration::from_millis(400);

fn messages(conv: &str) -> String {
    format!("/api/v1/conversations/{conv}/messages")
}

#[tokio::test]
async fn a_block_shuts_a_direct_conversation_and_is_told_as_any_refusal() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let dm = s.acquainted(&alice, &bob).await;
    let not_his = s.group(&carol, "carol's", &[]).await;

    assert_eq!(
        s.post(
            "/api/v1/blocks",
            Some(&alice.token),
            json!({"user_id": alice.id})
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    let ghost = json!({"user_id": uuid::Uuid::new_v4()});
    assert_eq!(
        s.post("/api/v1/blocks", Some(&alice.token), ghost)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for _ in 0..2 {
        let r = s
            .post(
                "/api/v1/blocks",
                Some(&alice.token),
                json!({"user_id": bob.id}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    }
    let listed = s.get("/api/v1/blocks", &alice.token).await;
    assert_eq!(listed.json.as_array().unwrap().len(), 1);
    assert_eq!(listed.json[0]["id"], bob.id.as_str());

    // Bob's send in their direct conversation, and his attempt to open one, are refused
    // word for word as a send into a group he is not in.
    let body = |id: &str| json!({"client_msg_id": id, "body": "hello?"});
    let elsewhere = s
        .post(&messages(&not_his), Some(&bob.token), body("x"))
        .await;
    let blocked = s.post(&messages(&dm), Some(&bob.token), body("y")).await;
    let reopened = s
        .post(
            "/api/v1/conversations",
            Some(&bob.token),
            json!({"kind": "direct", "peer_id": alice.id}),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    for r in [&blocked, &reopened] {
        assert_eq!(
            (r.status, &r.json),
            (elsewhere.status, &elsewhere.json),
            "{}",
            r.text
        );
    }
    let mut ws = s.ws(&bob).await;
    let frame = ws
        .request(frames::send(&dm, "z", "over the socket"), "z")
        .await;
    assert_eq!(
        (frame["code"].as_str(), frame["message"].as_str()),
        (
            Some("forbidden"),
            elsewhere.json["error"]["message"].as_str()
        )
    );
    // The blocker still may write; nothing of bob's was stored.
    assert_eq!(
        s.post(&messages(&dm), Some(&alice.token), body("a"))
            .await
            .status,
        StatusCode::CREATED
    );
    let history = s.get(&messages(&dm), &alice.token).await;
    assert_eq!(
        history.json["messages"].as_array().unwrap().len(),
        3,
        "two hellos and alice's"
    );

    let path = format!("/api/v1/blocks/{}", bob.id);
    assert_eq!(
        s.call(Method::DELETE, &path, Some(&alice.token), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.call(Method::DELETE, &path, Some(&alice.token), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert!(s
        .get("/api/v1/blocks", &alice.token)
        .await
        .json
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        s.post(&messages(&dm), Some(&bob.token), body("w"))
            .await
            .status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn in_a_group_a_blocked_users_mentions_presence_and_typing_do_not_reach_the_blocker() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    s.acquainted(&alice, &bob).await;
    let group = s.group(&alice, "team", &[&bob, &carol]).await;
    let r = s
        .post(
            "/api/v1/blocks",
            Some(&alice.token),
            json!({"user_id": bob.id}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let mut alice_ws = s.ws(&alice).await;
    let mut carol_ws = s.ws(&carol).await;

    // Presence: bob comes online; alice, who blocks him, hears nothing and sees nothing.
    let mut bob_ws = s.ws(&bob).await;
    alice_ws.silent_for(QUIET, &[]).await;
    let seen = s
        .get(
            &format!("/api/v1/presence?user_id={}", bob.id),
            &alice.token,
        )
        .await;
    assert!(seen.json.as_array().unwrap().is_empty(), "{}", seen.text);

    // Typing reaches carol, not alice.
    bob_ws.send(frames::typing(&group)).await;
    assert_eq!(carol_ws.next_of("typing").await["user_id"], bob.id.as_str());
    alice_ws.silent_for(QUIET, &[]).await;

    // Groups are unchanged: his message reaches her; his mention of her is not kept,
    // his mention of carol is.
    let sent = s
        .post(
            &messages(&group),
            Some(&bob.token),
            json!({"client_msg_id": "m", "body": "@alice and @carol, look"}),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    assert_eq!(sent.json["mentions"], json!([carol.id]));
    assert_eq!(
        alice_ws.next_of("message").await["message"]["body"],
        "@alice and @carol, look"
    );
    let list = s.get("/api/v1/conversations", &alice.token).await;
    let team = list
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == group.as_str())
        .unwrap()
        .clone();
    assert_eq!(team["unread_mentions"], 0);
}
