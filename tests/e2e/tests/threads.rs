//! Threads and forwards over real WebSocket and HTTP clients: replies in the one
//! sequence, their root's summary, thread pages, top-level history, forwarding and who
//! may do none of it.

mod support;

use std::collections::BTreeSet;
use std::path::PathBuf;

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use http_body_util::Full;
use serde_json::{json, Value};
use support::*;

fn seqs(page: &Value) -> Vec<u64> {
    page["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("a page: {page}"))
        .iter()
        .map(|m| m["seq"].as_u64().unwrap())
        .collect()
}

async fn say(s: &Server, who: &User, conv: &str, id: &str, body: Value) -> Resp {
    let mut body = body;
    body["client_msg_id"] = json!(id);
    s.post(
        &format!("/api/v1/conversations/{conv}/messages"),
        Some(&who.token),
        body,
    )
    .await
}

async fn root(s: &Server, who: &User, conv: &str, seq: u64) -> Value {
    let page = s
        .get(
            &format!(
                "/api/v1/conversations/{conv}/messages?after_seq={}&limit=1",
                seq - 1
            ),
            &who.token,
        )
        .await;
    page.json["messages"][0].clone()
}

#[tokio::test]
async fn replies_share_the_one_sequence_and_keep_their_root_current() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "team", &[&bob, &carol]).await;
    let (mut a, mut b) = (s.ws(&alice).await, s.ws(&bob).await);
    let ack = a
        .request(frames::send(&g, "a1", "shall we ship?"), "a1")
        .await;
    assert_eq!(ack["message"]["thread_root"], Value::Null, "{ack}");
    b.next_of("message").await;
    assert_eq!(
        say(&s, &bob, &g, "b1", json!({"body": "lunch?"}))
            .await
            .status,
        StatusCode::CREATED
    );
    a.next_of("message").await;

    let reply = b
        .request(frames::send_in_thread(&g, "b2", "yes, friday", 1), "b2")
        .await;
    assert_eq!(reply["type"], "ack", "{reply}");
    assert_eq!(
        (
            reply["message"]["seq"].as_u64(),
            reply["message"]["thread_root"].as_u64()
        ),
        (Some(3), Some(1))
    );
    let seen = a.next_of("message").await;
    assert_eq!(seen["message"]["thread_root"], 1);
    let updated = a.next_of("message_updated").await;
    assert_eq!(updated["change"], "thread", "{updated}");
    assert_eq!(updated["message"]["seq"], 1);
    assert_eq!(updated["message"]["thread"]["replies"], 1);
    assert_eq!(updated["message"]["thread"]["last_seq"], 3);
    assert_eq!(
        updated["message"]["thread"]["participants"],
        json!([bob.id])
    );

    let r = say(
        &s,
        &carol,
        &g,
        "c1",
        json!({"body": "+1", "thread_root": 1}),
    )
    .await;
    assert_eq!(
        (r.status, r.json["seq"].as_u64()),
        (StatusCode::CREATED, Some(4)),
        "{}",
        r.json
    );
    let retry = say(
        &s,
        &carol,
        &g,
        "c1",
        json!({"body": "+1", "thread_root": 1}),
    )
    .await;
    assert_eq!(retry.status, StatusCode::OK, "a retry stores nothing new");
    say(&s, &alice, &g, "a2", json!({"body": "and the docs"})).await;

    let history = s
        .get(&format!("/api/v1/conversations/{g}/messages"), &bob.token)
        .await;
    assert_eq!(
        seqs(&history.json),
        [1, 2, 3, 4, 5],
        "history keeps every message"
    );
    let marks: Vec<Value> = history.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.get("thread_root").cloned().expect("every message says"))
        .collect();
    assert_eq!(
        marks,
        [Value::Null, Value::Null, json!(1), json!(1), Value::Null]
    );
    let thread = &history.json["messages"][0]["thread"];
    assert_eq!(thread["replies"], 2);
    assert_eq!(thread["last_seq"], 4);
    assert_eq!(thread["participants"], json!([carol.id, bob.id]));
    assert!(thread["last_reply_at"].is_string());
    assert!(
        history.json["messages"][1].get("thread").is_none(),
        "no replies, no summary"
    );

    let path = format!("/api/v1/conversations/{g}");
    let top = s
        .get(&format!("{path}/messages?top_level=true"), &bob.token)
        .await;
    assert_eq!(seqs(&top.json), [1, 2, 5]);
    let first = s
        .get(
            &format!("{path}/messages?top_level=true&after_seq=0&limit=2"),
            &bob.token,
        )
        .await;
    assert_eq!(seqs(&first.json), [1, 2]);
    let older = s
        .get(
            &format!("{path}/messages?top_level=true&before_seq=5&limit=1"),
            &bob.token,
        )
        .await;
    assert_eq!(seqs(&older.json), [2]);

    let replies = s
        .get(&format!("{path}/threads/1/messages"), &alice.token)
        .await;
    assert_eq!(
        (replies.status, seqs(&replies.json)),
        (StatusCode::OK, vec![3, 4])
    );
    let after = s
        .get(
            &format!("{path}/threads/1/messages?after_seq=3"),
            &alice.token,
        )
        .await;
    assert_eq!(seqs(&after.json), [4]);
    let newest = s
        .get(&format!("{path}/threads/1/messages?limit=1"), &alice.token)
        .await;
    assert_eq!(seqs(&newest.json), [4]);
    let none = s
        .get(&format!("{path}/threads/2/messages"), &alice.token)
        .await;
    assert_eq!(seqs(&none.json), Vec::<u64>::new());
    let missing = s
        .get(&format!("{path}/threads/9/messages"), &alice.token)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let over_ws = a
        .request(frames::thread_history(&g, 1, Some(0), None), "h1")
        .await;
    assert_eq!(seqs(&over_ws), [3, 4], "{over_ws}");

    let changes = s
        .get(&format!("{path}/changes?after_version=0"), &bob.token)
        .await;
    assert_eq!(
        changes.json["messages"][0]["thread"]["replies"], 2,
        "{}",
        changes.json
    );
}

#[tokio::test]
async fn a_thread_root_must_be_a_live_top_level_message_and_only_members_see_threads() {
    let s = Server::start().await;
    let (alice, bob, mallory) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("mallory").await,
    );
    let g = s.group(&alice, "team", &[&bob]).await;
    say(&s, &alice, &g, "a1", json!({"body": "root"})).await;
    say(
        &s,
        &bob,
        &g,
        "b1",
        json!({"body": "reply", "thread_root": 1}),
    )
    .await;
    say(&s, &alice, &g, "a2", json!({"body": "soon recalled"})).await;
    let recall = s
        .call(
            Method::DELETE,
            &format!("/api/v1/conversations/{g}/messages/3"),
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(recall.status, StatusCode::OK, "{}", recall.json);
    for (root, why) in [
        (2, "itself a reply"),
        (3, "recalled"),
        (99, "does not exist"),
        (0, ""),
    ] {
        let r = say(
            &s,
            &bob,
            &g,
            &format!("bad{root}"),
            json!({"body": "x", "thread_root": root}),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{root}: {}", r.json);
        assert!(
            r.json["error"]["message"].as_str().unwrap().contains(why),
            "{}",
            r.json
        );
    }
    let mut b = s.ws(&bob).await;
    let refused = b
        .request(frames::send_in_thread(&g, "bad-ws", "x", 2), "x")
        .await;
    assert_eq!(
        (refused["type"].as_str(), refused["code"].as_str()),
        (Some("error"), Some("bad_request"))
    );

    let path = format!("/api/v1/conversations/{g}");
    let peek = s
        .get(&format!("{path}/threads/1/messages"), &mallory.token)
        .await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN);
    let top = s
        .get(&format!("{path}/messages?top_level=true"), &mallory.token)
        .await;
    assert_eq!(top.status, StatusCode::FORBIDDEN);
    let reply = say(
        &s,
        &mallory,
        &g,
        "m1",
        json!({"body": "let me in", "thread_root": 1}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let mut m = s.ws(&mallory).await;
    let over_ws = m
        .request(frames::thread_history(&g, 1, None, None), "h")
        .await;
    assert_eq!(over_ws["code"], "forbidden");
    let thread = root(&s, &alice, &g, 1).await;
    assert_eq!(thread["thread"]["replies"], 1, "{thread}");
}

/// `replies` counts every reply posted: a recalled reply keeps its place (and seq) in the
/// thread as a tombstone and lowers nothing; a recalled root keeps its summary and its
/// thread stays readable, but takes no new replies.
#[tokio::test]
async fn recalls_lower_no_count_and_a_recalled_root_keeps_its_thread() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let g = s.group(&alice, "team", &[&bob]).await;
    say(&s, &alice, &g, "a1", json!({"body": "root"})).await;
    say(
        &s,
        &bob,
        &g,
        "b1",
        json!({"body": "oops", "thread_root": 1}),
    )
    .await;
    say(
        &s,
        &bob,
        &g,
        "b2",
        json!({"body": "meant this", "thread_root": 1}),
    )
    .await;
    let path = format!("/api/v1/conversations/{g}");
    let recall = s
        .call(
            Method::DELETE,
            &format!("{path}/messages/2"),
            Some(&bob.token),
            None,
        )
        .await;
    assert_eq!(recall.status, StatusCode::OK);
    let thread = root(&s, &alice, &g, 1).await;
    assert_eq!(
        (
            thread["thread"]["replies"].as_u64(),
            thread["thread"]["last_seq"].as_u64()
        ),
        (Some(2), Some(3))
    );
    let replies = s
        .get(&format!("{path}/threads/1/messages"), &alice.token)
        .await;
    assert_eq!(seqs(&replies.json), [2, 3]);
    assert_eq!(replies.json["messages"][0]["deleted"], true);
    assert_eq!(replies.json["messages"][0]["thread_root"], 1);

    let recall = s
        .call(
            Method::DELETE,
            &format!("{path}/messages/1"),
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(recall.status, StatusCode::OK);
    let gone = root(&s, &alice, &g, 1).await;
    assert_eq!(gone["deleted"], true);
    assert_eq!(gone["thread"]["replies"], 2, "{gone}");
    let replies = s
        .get(&format!("{path}/threads/1/messages"), &bob.token)
        .await;
    assert_eq!(seqs(&replies.json), [2, 3]);
    let late = say(
        &s,
        &bob,
        &g,
        "b3",
        json!({"body": "late", "thread_root": 1}),
    )
    .await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST);
}

/// 20 members reply 10 times each at once: every reply takes its own seq, and the root
/// counts all 200.
#[tokio::test]
async fn a_summary_counts_every_one_of_200_concurrent_replies() {
    let dir = TempDir::new();
    let data = dir.0.clone();
    let s = Server::start_with(move |c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = data;
        // 21 sign-ups and logins from one address, past the default's 20 a minute.
        c.chat.auth_rate_limit_max = 100;
    })
    .await;
    let owner = s.user("owner").await;
    let mut repliers = Vec::new();
    for i in 0..20 {
        repliers.push(s.user(&format!("replier{i}")).await);
    }
    let members: Vec<&User> = repliers.iter().collect();
    let g = s.group(&owner, "busy", &members).await;
    say(&s, &owner, &g, "root", json!({"body": "release thread"})).await;
    let s = &s;
    let g = &g;
    let sends = repliers.iter().map(|u| async move {
        for n in 0..10 {
            let r = say(
                s,
                u,
                g,
                &format!("r{n}"),
                json!({"body": format!("reply {n}"), "thread_root": 1}),
            )
            .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
        }
    });
    futures_util::future::join_all(sends).await;

    let thread = root(s, &owner, g, 1).await;
    assert_eq!(thread["thread"]["replies"], 200, "{thread}");
    assert_eq!(thread["thread"]["last_seq"], 201);
    assert_eq!(
        thread["thread"]["participants"].as_array().unwrap().len(),
        5
    );
    let path = format!("/api/v1/conversations/{g}/threads/1/messages");
    let mut got = BTreeSet::new();
    let mut after = 0;
    loop {
        let page = s
            .get(&format!("{path}?after_seq={after}&limit=100"), &owner.token)
            .await;
        let page = seqs(&page.json);
        let Some(&last) = page.last() else { break };
        got.extend(page);
        after = last;
    }
    assert_eq!(
        got,
        (2..=201).collect::<BTreeSet<u64>>(),
        "gap-free, each reply once"
    );
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        Self(std::env::temp_dir().join(format!("chat-threads-{}", uuid::Uuid::new_v4().simple())))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn upload(s: &Server, user: &User, name: &str, bytes: &[u8]) -> String {
    let req = Request::builder()
        .method(Method::POST)
        .uri(s.url(&format!("/api/v1/files?name={name}")))
        .header("authorization", format!("Bearer {}", user.token))
        .header("content-type", "text/plain")
        .body(Full::new(Bytes::from(bytes.to_vec())))
        .unwrap();
    let r = s.raw(req).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.json);
    r.json["file_id"].as_str().unwrap().to_owned()
}

/// A forward copies kind and body, names the original sender and time but never the
/// source conversation, and makes a forwarded file readable where it went.
#[tokio::test]
async fn a_forward_copies_the_message_without_its_conversation() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "private plans", &[&bob]).await;
    let d = s.direct(&alice, &carol).await;
    let original = say(&s, &bob, &g, "b1", json!({"body": "the secret plan 🗺️"}))
        .await
        .json;
    let mut c = s.ws(&carol).await;

    let fwd = say(
        &s,
        &alice,
        &d,
        "f1",
        json!({"forward": {"conversation_id": g, "seq": 1}}),
    )
    .await;
    assert_eq!(fwd.status, StatusCode::CREATED, "{}", fwd.json);
    assert_eq!(fwd.json["body"], "the secret plan 🗺️");
    assert_eq!(fwd.json["kind"], "text");
    assert_eq!(fwd.json["sender_id"], alice.id);
    assert_eq!(
        fwd.json["forwarded"],
        json!({"sender_id": bob.id, "created_at": original["created_at"]})
    );
    let seen = c.next_of("message").await;
    assert_eq!(seen["message"]["forwarded"]["sender_id"], bob.id);
    assert!(
        !seen.to_string().contains(g.as_str()),
        "the source stays private: {seen}"
    );
    let history = s
        .get(&format!("/api/v1/conversations/{d}/messages"), &carol.token)
        .await;
    assert!(!history.json.to_string().contains(g.as_str()));

    // Forwarding a forward keeps the first sender; over a socket as over HTTP.
    let mut a = s.ws(&alice).await;
    let again = a.request(frames::forward(&d, "f2", &d, 1), "f2").await;
    assert_eq!(again["type"], "ack", "{again}");
    assert_eq!(again["message"]["forwarded"]["sender_id"], bob.id);

    // A file: carol cannot read it until it is forwarded to her.
    let file = upload(&s, &bob, "notes.txt", b"file notes").await;
    let body = json!({"file_id": file}).to_string();
    say(&s, &bob, &g, "b2", json!({"kind": "file", "body": body})).await;
    let file_path = format!("/api/v1/files/{file}");
    let get_file = || s.get(&file_path, &carol.token);
    assert_eq!(get_file().await.status, StatusCode::NOT_FOUND);
    let fwd = say(
        &s,
        &alice,
        &d,
        "f3",
        json!({"forward": {"conversation_id": g, "seq": 2}}),
    )
    .await;
    assert_eq!(
        (fwd.status, fwd.json["kind"].as_str()),
        (StatusCode::CREATED, Some("file"))
    );
    assert_eq!(get_file().await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_forward_needs_a_readable_live_message() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "team", &[&bob]).await;
    let d = s.direct(&bob, &carol).await;
    say(&s, &alice, &g, "a1", json!({"body": "hello team"})).await;
    say(&s, &alice, &g, "a2", json!({"body": "soon gone"})).await;
    let gpath = format!("/api/v1/conversations/{g}");
    s.call(
        Method::DELETE,
        &format!("{gpath}/messages/2"),
        Some(&alice.token),
        None,
    )
    .await;
    let forward = |seq: u64| json!({"forward": {"conversation_id": g, "seq": seq}});

    let not_member = say(&s, &carol, &d, "c1", forward(1)).await;
    assert_eq!(
        not_member.status,
        StatusCode::FORBIDDEN,
        "carol cannot read the group"
    );
    assert_eq!(
        say(&s, &bob, &d, "b1", forward(9)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        say(&s, &bob, &d, "b2", forward(2)).await.status,
        StatusCode::CONFLICT
    );
    let both = json!({"body": "and more", "forward": {"conversation_id": g, "seq": 1}});
    assert_eq!(
        say(&s, &bob, &d, "b3", both).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        say(&s, &bob, &d, "b4", forward(1)).await.status,
        StatusCode::CREATED
    );

    let leave = s
        .call(
            Method::DELETE,
            &format!("{gpath}/members/{}", bob.id),
            Some(&bob.token),
            None,
        )
        .await;
    assert_eq!(leave.status, StatusCode::NO_CONTENT);
    let after_leaving = say(&s, &bob, &d, "b5", forward(1)).await;
    assert_eq!(
        after_leaving.status,
        StatusCode::FORBIDDEN,
        "left: no longer readable"
    );
    let mut b = s.ws(&bob).await;
    let over_ws = b.request(frames::forward(&d, "b6", &g, 1), "b6").await;
    assert_eq!(over_ws["code"], "forbidden");
    let history = s
        .get(&format!("/api/v1/conversations/{d}/messages"), &carol.token)
        .await;
    assert_eq!(seqs(&history.json), [1], "nothing refused was stored");
}
