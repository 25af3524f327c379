//! Pinned messages over real HTTP and WebSocket clients: who may pin, the limit, the
//! list, the events, and what a recall does.

mod support;

use http::{Method, StatusCode};
use serde_json::{json, Value};
use support::*;

async fn say(s: &Server, who: &User, conv: &str, id: &str) {
    let r = s
        .post(
            &format!("/api/v1/conversations/{conv}/messages"),
            Some(&who.token),
            json!({"client_msg_id": id, "body": format!("message {id}")}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
}

async fn pin(s: &Server, who: &User, conv: &str, seq: u64) -> StatusCode {
    s.post(
        &format!("/api/v1/conversations/{conv}/pins"),
        Some(&who.token),
        json!({"seq": seq}),
    )
    .await
    .status
}

async fn unpin(s: &Server, who: &User, conv: &str, seq: u64) -> StatusCode {
    let path = format!("/api/v1/conversations/{conv}/pins/{seq}");
    s.call(Method::DELETE, &path, Some(&who.token), None)
        .await
        .status
}

fn seqs(page: &Value) -> Vec<u64> {
    page["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("a page: {page}"))
        .iter()
        .map(|m| m["seq"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_group_owner_pins_plain_members_cannot_and_members_get_the_events() {
    let s = Server::start().await;
    let (alice, bob, carol, mallory) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
        s.user("mallory").await,
    );
    let g = s.group(&alice, "team", &[&bob, &carol]).await;
    for i in 1..=3 {
        say(&s, &bob, &g, &format!("b{i}")).await;
    }
    let mut b = s.ws(&bob).await;
    assert_eq!(pin(&s, &alice, &g, 2).await, StatusCode::NO_CONTENT);
    let event = b.next_of("pinned").await;
    assert_eq!(
        event,
        json!({"type": "pinned", "conversation_id": g, "seq": 2, "by": alice.id})
    );
    assert_eq!(
        pin(&s, &alice, &g, 2).await,
        StatusCode::NO_CONTENT,
        "pinned already"
    );

    assert_eq!(
        pin(&s, &bob, &g, 1).await,
        StatusCode::FORBIDDEN,
        "a plain member"
    );
    assert_eq!(
        pin(&s, &mallory, &g, 1).await,
        StatusCode::FORBIDDEN,
        "a stranger"
    );
    assert_eq!(unpin(&s, &bob, &g, 2).await, StatusCode::FORBIDDEN);
    assert_eq!(pin(&s, &alice, &g, 9).await, StatusCode::NOT_FOUND);
    assert_eq!(pin(&s, &alice, &g, 3).await, StatusCode::NO_CONTENT);
    assert_eq!(b.next_of("pinned").await["seq"], 3);

    let list = s
        .get(&format!("/api/v1/conversations/{g}/pins"), &bob.token)
        .await;
    assert_eq!(seqs(&list.json), [3, 2], "the most recently pinned first");
    let second = &list.json["messages"][1];
    assert_eq!(second["pinned_by"], alice.id);
    assert!(second["pinned_at"].is_string());
    let peek = s
        .get(&format!("/api/v1/conversations/{g}/pins"), &mallory.token)
        .await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN);

    assert_eq!(unpin(&s, &alice, &g, 2).await, StatusCode::NO_CONTENT);
    let event = b.next_of("unpinned").await;
    assert_eq!(
        (event["seq"].as_u64(), event["by"].as_str()),
        (Some(2), Some(alice.id.as_str()))
    );
    let list = s
        .get(&format!("/api/v1/conversations/{g}/pins"), &bob.token)
        .await;
    assert_eq!(seqs(&list.json), [3]);
}

#[tokio::test]
async fn either_member_pins_in_a_direct_conversation_up_to_fifty() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let d = s.direct(&alice, &bob).await;
    for i in 1..=52 {
        say(&s, &alice, &d, &format!("a{i}")).await;
    }
    let sync = s.get("/api/v1/sync", &bob.token).await;
    let cursor = sync.json["cursor"].as_str().unwrap().to_owned();
    for seq in 1..=50 {
        let who = if seq % 2 == 0 { &alice } else { &bob };
        assert_eq!(
            pin(&s, who, &d, seq).await,
            StatusCode::NO_CONTENT,
            "pin {seq}"
        );
    }
    assert_eq!(
        pin(&s, &bob, &d, 51).await,
        StatusCode::CONFLICT,
        "a 51st pin"
    );
    let list = s
        .get(&format!("/api/v1/conversations/{d}/pins"), &alice.token)
        .await;
    assert_eq!(list.json["messages"].as_array().unwrap().len(), 50);

    // A pin is a change of the conversation: sync names it, the change feed has it.
    let since = s
        .get(&format!("/api/v1/sync?since={cursor}"), &bob.token)
        .await;
    let changed = &since.json["conversations"][0];
    assert_eq!(changed["id"], d.as_str(), "{}", since.json);
    assert_eq!(changed["last_version"], 50);
    let feed = s
        .get(
            &format!("/api/v1/conversations/{d}/changes?after_version=49"),
            &bob.token,
        )
        .await;
    assert_eq!(feed.json["messages"][0]["seq"], 50);
    assert!(feed.json["messages"][0]["pinned_at"].is_string());

    // A recall unpins (and says so); there is room again.
    let mut b = s.ws(&bob).await;
    let recall = s
        .call(
            Method::DELETE,
            &format!("/api/v1/conversations/{d}/messages/52"),
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(recall.status, StatusCode::OK);
    b.next_of("message_updated").await;
    assert_eq!(
        pin(&s, &alice, &d, 52).await,
        StatusCode::CONFLICT,
        "full, and recalled"
    );
    let recall = s
        .call(
            Method::DELETE,
            &format!("/api/v1/conversations/{d}/messages/50"),
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(recall.status, StatusCode::OK);
    assert_eq!(b.next_of("message_updated").await["change"], "recall");
    let event = b.next_of("unpinned").await;
    assert_eq!(event["seq"], 50);
    let list = s
        .get(&format!("/api/v1/conversations/{d}/pins"), &alice.token)
        .await;
    assert_eq!(list.json["messages"].as_array().unwrap().len(), 49);
    assert_eq!(pin(&s, &bob, &d, 51).await, StatusCode::NO_CONTENT);
    assert_eq!(
        unpin(&s, &bob, &d, 50).await,
        StatusCode::NO_CONTENT,
        "nothing to unpin"
    );
}
