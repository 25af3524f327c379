//! Following threads over real HTTP clients: who follows what without asking, the
//! caller's list with unread counts, follow, unfollow and the read cursor, and pushes
//! that reach a thread's followers only.

mod support;

use std::time::Duration;

use chat_adapter_webhook::testing::Receiver;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use support::*;

async fn say(s: &Server, who: &User, conv: &str, id: &str, thread_root: Option<u64>) -> u64 {
    let mut body = json!({"client_msg_id": id, "body": format!("message {id}")});
    if let Some(root) = thread_root {
        body["thread_root"] = json!(root);
    }
    let r = s
        .post(
            &format!("/api/v1/conversations/{conv}/messages"),
            Some(&who.token),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["seq"].as_u64().unwrap()
}

/// (conversation, root seq, unread) of each listed thread, in the list's order.
async fn threads(s: &Server, who: &User, unread: bool) -> Vec<(String, u64, u64)> {
    let r = s
        .get(&format!("/api/v1/threads?unread={unread}"), &who.token)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    r.json["threads"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {}", r.json))
        .iter()
        .map(|t| {
            assert_eq!(t["conversation_id"], t["root"]["conversation_id"]);
            (
                t["conversation_id"].as_str().unwrap().to_owned(),
                t["root"]["seq"].as_u64().unwrap(),
                t["unread"].as_u64().unwrap(),
            )
        })
        .collect()
}

async fn thread_call(
    s: &Server,
    who: &User,
    conv: &str,
    root: u64,
    verb: &str,
    body: Value,
) -> Resp {
    s.post(
        &format!("/api/v1/conversations/{conv}/threads/{root}/{verb}"),
        Some(&who.token),
        body,
    )
    .await
}

#[tokio::test]
async fn repliers_and_the_roots_author_follow_and_count_what_they_have_not_read() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "team", &[&bob, &carol]).await;
    let root = say(&s, &alice, &g, "a1", None).await;
    assert!(
        threads(&s, &alice, false).await.is_empty(),
        "no thread before a reply"
    );
    let b1 = say(&s, &bob, &g, "b1", Some(root)).await;
    say(&s, &bob, &g, "b2", Some(root)).await;
    say(&s, &carol, &g, "c-top", None).await;
    assert_eq!(
        threads(&s, &alice, true).await,
        vec![(g.clone(), root, 2)],
        "the root's author"
    );
    assert_eq!(
        threads(&s, &bob, false).await,
        vec![(g.clone(), root, 0)],
        "its own replies are read"
    );
    assert!(threads(&s, &bob, true).await.is_empty());
    assert!(
        threads(&s, &carol, false).await.is_empty(),
        "carol never touched it"
    );

    let c1 = say(&s, &carol, &g, "c1", Some(root)).await;
    assert_eq!(threads(&s, &alice, true).await, vec![(g.clone(), root, 3)]);
    assert_eq!(threads(&s, &bob, true).await, vec![(g.clone(), root, 1)]);
    assert_eq!(threads(&s, &carol, false).await, vec![(g.clone(), root, 0)]);

    // A recalled reply is not there to read: it counts for no one.
    let recall = s
        .call(
            Method::DELETE,
            &format!("/api/v1/conversations/{g}/messages/{c1}"),
            Some(&carol.token),
            None,
        )
        .await;
    assert_eq!(recall.status, StatusCode::OK, "{}", recall.json);
    assert_eq!(threads(&s, &alice, true).await, vec![(g.clone(), root, 2)]);
    assert!(threads(&s, &bob, true).await.is_empty());

    // Reading moves the cursor, never back; past the end it stops at the last seq.
    let read = thread_call(&s, &alice, &g, root, "read", json!({"seq": b1})).await;
    assert_eq!(read.status, StatusCode::NO_CONTENT, "{}", read.json);
    assert_eq!(threads(&s, &alice, true).await, vec![(g.clone(), root, 1)]);
    thread_call(&s, &alice, &g, root, "read", json!({"seq": 1000})).await;
    thread_call(&s, &alice, &g, root, "read", json!({"seq": b1})).await;
    assert!(threads(&s, &alice, true).await.is_empty());
    let all = s.get("/api/v1/threads", &alice.token).await;
    assert_eq!(
        all.json["threads"][0]["read_seq"],
        json!(c1),
        "{}",
        all.json
    );
    assert_eq!(
        all.json["threads"][0]["root"]["thread"]["replies"],
        json!(3)
    );
    let later = say(&s, &bob, &g, "b3", Some(root)).await;
    assert_eq!(threads(&s, &alice, true).await, vec![(g.clone(), root, 1)]);
    assert!(later > c1);
}

#[tokio::test]
async fn unfollowing_sticks_until_the_member_replies_or_follows_again() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "team", &[&bob, &carol]).await;
    let root = say(&s, &alice, &g, "a1", None).await;
    let quiet = say(&s, &alice, &g, "a2", None).await;
    // Following a root before any reply: its first reply is unread.
    let f = thread_call(&s, &carol, &g, quiet, "follow", json!({})).await;
    assert_eq!(f.status, StatusCode::NO_CONTENT, "{}", f.json);
    assert_eq!(
        threads(&s, &carol, false).await,
        vec![(g.clone(), quiet, 0)]
    );
    say(&s, &bob, &g, "b0", Some(quiet)).await;
    assert_eq!(threads(&s, &carol, true).await, vec![(g.clone(), quiet, 1)]);

    let u = thread_call(&s, &alice, &g, root, "unfollow", json!({})).await;
    assert_eq!(u.status, StatusCode::NO_CONTENT, "{}", u.json);
    say(&s, &bob, &g, "b1", Some(root)).await;
    let mine = threads(&s, &alice, false).await;
    assert_eq!(
        mine,
        vec![(g.clone(), quiet, 1)],
        "the unfollowed thread is not listed"
    );
    say(&s, &alice, &g, "a3", Some(root)).await;
    say(&s, &bob, &g, "b2", Some(root)).await;
    assert_eq!(
        threads(&s, &alice, true).await,
        vec![(g.clone(), root, 1), (g.clone(), quiet, 1)],
        "replying follows again; the newest reply first"
    );
    let standing = |who: &User| {
        let path = format!("/api/v1/conversations/{g}/threads/{root}");
        let token = who.token.clone();
        let s = &s;
        async move { s.get(&path, &token).await.json }
    };
    thread_call(&s, &alice, &g, root, "unfollow", json!({})).await;
    let now = standing(&alice).await;
    assert_eq!(
        (now["following"].as_bool(), now["unread"].as_u64()),
        (Some(false), Some(1)),
        "{now}"
    );
    thread_call(&s, &alice, &g, root, "follow", json!({})).await;
    assert_eq!(threads(&s, &alice, true).await[0], (g.clone(), root, 1));
    let now = standing(&alice).await;
    assert_eq!(now["following"], json!(true), "{now}");
    assert_eq!(now["root"]["thread"]["replies"], json!(3), "{now}");
    let never = standing(&carol).await;
    assert_eq!(
        (never["following"].as_bool(), never["read_seq"].as_u64()),
        (Some(false), Some(0)),
        "{never}"
    );
}

#[tokio::test]
async fn only_members_follow_and_a_member_who_left_sees_none_of_its_threads() {
    let s = Server::start().await;
    let (alice, bob, mallory) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("mallory").await,
    );
    let g = s.group(&alice, "team", &[&bob]).await;
    let root = say(&s, &alice, &g, "a1", None).await;
    let reply = say(&s, &bob, &g, "b1", Some(root)).await;
    for verb in ["follow", "unfollow"] {
        let r = thread_call(&s, &mallory, &g, root, verb, json!({})).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{verb}: {}", r.json);
    }
    let r = thread_call(&s, &mallory, &g, root, "read", json!({"seq": reply})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.json);
    assert!(threads(&s, &mallory, false).await.is_empty());
    for (root, verb, body, status) in [
        (reply, "follow", json!({}), StatusCode::BAD_REQUEST),
        (99, "follow", json!({}), StatusCode::NOT_FOUND),
        (root, "read", json!({"seq": 0}), StatusCode::BAD_REQUEST),
        (0, "follow", json!({}), StatusCode::BAD_REQUEST),
    ] {
        let r = thread_call(&s, &bob, &g, root, verb, body).await;
        assert_eq!(r.status, status, "{root} {verb}: {}", r.json);
        assert!(r.json["error"]["code"].is_string(), "{}", r.json);
    }
    let bad = s.get("/api/v1/threads?limit=0", &bob.token).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.json);

    assert_eq!(threads(&s, &bob, false).await, vec![(g.clone(), root, 0)]);
    let left = s
        .call(
            Method::DELETE,
            &format!("/api/v1/conversations/{g}/members/{}", bob.id),
            Some(&bob.token),
            None,
        )
        .await;
    assert!(left.status.is_success(), "{}", left.json);
    say(&s, &alice, &g, "a2", Some(root)).await;
    assert!(
        threads(&s, &bob, false).await.is_empty(),
        "not a member any more"
    );
}

#[tokio::test]
async fn a_thread_reply_is_pushed_to_its_followers_only() {
    let receiver = Receiver::start(0).await;
    let url = receiver.url();
    let s = Server::start_with(move |c| {
        c.push_webhook_url = Some(url);
        c.push_webhook_secret = Some("hook-secret".into());
    })
    .await;
    let (alice, bob, carol, dave) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
        s.user("dave").await,
    );
    let g = s.group(&alice, "team", &[&bob, &carol, &dave]).await;
    let root = say(&s, &alice, &g, "a1", None).await;
    receiver.wait_for(3).await;
    let before = receiver.received().len();
    thread_call(&s, &dave, &g, root, "follow", json!({})).await;
    let reply = say(&s, &bob, &g, "b1", Some(root)).await;
    let got = receiver.wait_for(before + 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pushed: Vec<(String, u64, Option<u64>)> = receiver.received()[before..]
        .iter()
        .map(|r| {
            let body: Value = serde_json::from_slice(&r.body).unwrap();
            let n = &body["notification"];
            (
                n["user_id"].as_str().unwrap().to_owned(),
                n["seq"].as_u64().unwrap(),
                n["thread_root"].as_u64(),
            )
        })
        .collect();
    let mut who: Vec<_> = pushed.iter().map(|p| p.0.clone()).collect();
    who.sort();
    let mut want = vec![alice.id.clone(), dave.id.clone()];
    want.sort();
    assert_eq!(
        who, want,
        "the root's author and a follower, not carol: {pushed:?}"
    );
    assert!(pushed.iter().all(|p| p.1 == reply && p.2 == Some(root)));
    assert!(got.len() >= before + 2);
}

#[tokio::test]
async fn a_thread_read_reaches_the_readers_own_devices_only() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let g = s.group(&alice, "team", &[&bob]).await;
    let root = say(&s, &alice, &g, "a1", None).await;
    let reply = say(&s, &bob, &g, "b1", Some(root)).await;
    let (mut phone, mut laptop, mut bobs) =
        (s.ws(&alice).await, s.ws(&alice).await, s.ws(&bob).await);

    let read = thread_call(&s, &alice, &g, root, "read", json!({"seq": reply})).await;
    assert_eq!(read.status, StatusCode::NO_CONTENT, "{}", read.json);
    let want =
        json!({"type": "thread_read", "conversation_id": g, "root_seq": root, "read_seq": reply});
    assert_eq!(phone.next_of("thread_read").await, want);
    assert_eq!(laptop.next_of("thread_read").await, want);
    // A read behind the cursor leaves it where it is, and says so.
    thread_call(&s, &alice, &g, root, "read", json!({"seq": 1})).await;
    assert_eq!(phone.next_of("thread_read").await, want);
    bobs.silent_for(Duration::from_millis(300), &["presence"])
        .await;
}
