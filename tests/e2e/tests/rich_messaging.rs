//! Edit, recall, reactions, replies, mentions, delivery status, catch-up and search over
//! real WebSocket and HTTP clients, including who may not.

mod support;

use std::time::Duration;

use chat_protocol::ws::ClientRequest;
use http::{Method, StatusCode};
use serde_json::{json, Value};
use support::*;

async fn send(ws: &mut Ws, conv: &str, id: &str, body: &str) -> Value {
    let ack = ws.request(frames::send(conv, id, body), id).await;
    assert_eq!(ack["type"], "ack", "{ack}");
    ack["message"].clone()
}

fn code(reply: &Value) -> &str {
    reply["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn the_sender_edits_and_others_see_the_new_body_but_cannot_edit_it() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let d = s.direct(&alice, &bob).await;
    let (mut a, mut b) = (s.ws(&alice).await, s.ws(&bob).await);
    send(&mut a, &d, "m1", "teh plan").await;
    b.next_of("message").await;

    let edit = frames::edit(&d, 1, "the plan ✏️");
    let updated = a.request(edit.clone(), "e1").await;
    assert_eq!(updated["type"], "updated", "{updated}");
    assert_eq!(updated["message"]["body"], "the plan ✏️");
    assert!(updated["message"]["edited_at"].is_string());
    let seen = b.next_of("message_updated").await;
    assert_eq!(
        (seen["change"].as_str(), seen["message"]["seq"].as_u64()),
        (Some("edit"), Some(1))
    );
    assert_eq!(seen["message"]["body"], "the plan ✏️");

    let history = s
        .get(&format!("/api/v1/conversations/{d}/messages"), &bob.token)
        .await;
    assert_eq!(history.json["messages"][0]["body"], "the plan ✏️");
    assert_eq!(history.json["messages"].as_array().unwrap().len(), 1);

    // Bob may not edit Alice's message, over WS or HTTP; nothing changes.
    assert_eq!(code(&b.request(edit, "e2").await), "forbidden");
    let patch = s
        .call(
            Method::PATCH,
            &format!("/api/v1/conversations/{d}/messages/1"),
            Some(&bob.token),
            Some(json!({"body": "hacked"})),
        )
        .await;
    assert_eq!(patch.status, StatusCode::FORBIDDEN);
    let missing = frames::edit(&d, 9, "x");
    assert_eq!(code(&a.request(missing, "e3").await), "not_found");
    let blank = frames::edit(&d, 1, "  ");
    assert_eq!(code(&a.request(blank, "e4").await), "bad_request");
}

#[tokio::test]
async fn recall_is_for_the_sender_in_the_window_and_for_group_admins_always() {
    let s = Server::start_with(|c| c.chat.recall_window = Duration::from_millis(800)).await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "team", &[&bob, &carol]).await;
    let (mut a, mut b, mut c) = (s.ws(&alice).await, s.ws(&bob).await, s.ws(&carol).await);
    send(&mut c, &g, "c1", "oops, wrong group").await; // seq 1
    send(&mut c, &g, "c2", "keep this").await; // seq 2
    send(&mut a, &g, "a1", "from the owner").await; // seq 3

    // Carol recalls her own message in time: a tombstone everyone sees.
    let recall = |seq: u64| frames::recall(&g, seq);
    let r = c.request(recall(1), "r1").await;
    assert_eq!(
        (r["type"].as_str(), r["message"]["deleted"].as_bool()),
        (Some("updated"), Some(true))
    );
    assert!(r["message"]["body"].is_null());
    loop {
        let u = b.next_of_any(&["message", "message_updated"]).await;
        if u["type"] == "message_updated" {
            assert_eq!(
                (u["change"].as_str(), u["message"]["seq"].as_u64()),
                (Some("recall"), Some(1))
            );
            assert!(u["message"]["body"].is_null());
            break;
        }
    }
    // Bob, a plain member, may not recall others' messages.
    assert_eq!(code(&b.request(recall(3), "r2").await), "forbidden");
    // After the window Carol may not recall hers any more…
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(code(&c.request(recall(2), "r3").await), "forbidden");
    // …but the owner may, at any time; and twice is a conflict.
    assert_eq!(a.request(recall(2), "r4").await["type"], "updated");
    assert_eq!(code(&a.request(recall(2), "r5").await), "conflict");

    let history = s
        .get(&format!("/api/v1/conversations/{g}/messages"), &bob.token)
        .await;
    let page = history.json["messages"].as_array().unwrap();
    let summary: Vec<(u64, bool)> = page
        .iter()
        .map(|m| {
            (
                m["seq"].as_u64().unwrap(),
                m["deleted"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [(1, true), (2, true), (3, false)],
        "seqs stay gap-free"
    );
    assert!(page[0]["body"].is_null() && page[2]["body"] == "from the owner");
}

#[tokio::test]
async fn reactions_toggle_and_aggregate_per_emoji() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let g = s.group(&alice, "g", &[&bob]).await;
    let (mut a, mut b) = (s.ws(&alice).await, s.ws(&bob).await);
    send(&mut a, &g, "m1", "lunch?").await;
    let react = |emoji: &str| frames::react(&g, 1, emoji, None);

    let r = b.request(react("👍"), "x1").await;
    assert_eq!(
        r["message"]["reactions"],
        json!([{"emoji": "👍", "count": 1, "user_ids": [bob.id]}])
    );
    let r = a.request(react("👍"), "x2").await;
    assert_eq!(r["message"]["reactions"][0]["count"], 2);
    let r = b.request(react("👍"), "x3").await; // toggled off
    assert_eq!(
        r["message"]["reactions"],
        json!([{"emoji": "👍", "count": 1, "user_ids": [alice.id]}])
    );
    // Asking for a state already held changes nothing.
    let on = frames::react(&g, 1, "👍", Some(true));
    assert_eq!(
        a.request(on, "x4").await["message"]["reactions"][0]["count"],
        1
    );
    assert_eq!(code(&b.request(react("lol"), "x5").await), "bad_request");

    let seen = a.next_of_any(&["message_updated"]).await;
    assert_eq!(seen["change"], "reaction");
    let history = s
        .get(&format!("/api/v1/conversations/{g}/messages"), &bob.token)
        .await;
    assert_eq!(
        history.json["messages"][0]["reactions"][0]["user_ids"],
        json!([alice.id])
    );
}

#[tokio::test]
async fn replies_carry_a_preview_and_mentions_count_until_read() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "g", &[&bob]).await;
    let (mut a, mut b) = (s.ws(&alice).await, s.ws(&bob).await);
    send(&mut a, &g, "m1", "who is in for 火锅 tonight?").await;
    b.next_of("message").await;

    let reply = frames::send_reply(&g, "b1", "me!", 1);
    assert_eq!(b.request(reply, "b1").await["type"], "ack");
    let got = a.next_of("message").await;
    assert_eq!(got["message"]["reply"]["seq"], 1);
    assert_eq!(
        got["message"]["reply"]["preview"],
        "who is in for 火锅 tonight?"
    );
    assert_eq!(got["message"]["reply"]["sender_id"], alice.id.as_str());
    let history = s
        .get(
            &format!("/api/v1/conversations/{g}/messages?after_seq=1"),
            &bob.token,
        )
        .await;
    assert_eq!(
        history.json["messages"][0]["reply"]["preview"],
        "who is in for 火锅 tonight?"
    );
    let bad = frames::send_reply(&g, "b2", "?", 42);
    assert_eq!(code(&b.request(bad, "b2").await), "bad_request");

    // "@bob" and an explicit mention of a non-member (carol): only bob is mentioned.
    let mention = match frames::send(&g, "m2", "@bob can you book it? cc a@b.com") {
        ClientRequest::Send {
            conversation_id,
            client_msg_id,
            kind,
            body,
            reply_to,
            ..
        } => {
            let mentions = vec![carol.id.parse().unwrap()];
            ClientRequest::Send {
                conversation_id,
                client_msg_id,
                kind,
                body,
                reply_to,
                thread_root: None,
                forward: None,
                mentions,
            }
        }
        other => other,
    };
    let ack = a.request(mention, "m2").await;
    assert_eq!(ack["message"]["mentions"], json!([bob.id]));
    send(&mut a, &g, "m3", "@BOB also bring cards").await;
    let list = s.get("/api/v1/conversations", &bob.token).await;
    assert_eq!(list.json[0]["unread_mentions"], 2, "{}", list.json);
    let last = list.json[0]["last_seq"].as_u64().unwrap();
    b.request(frames::read(&g, last), "r").await;
    let list = s.get("/api/v1/conversations", &bob.token).await;
    assert_eq!(list.json[0]["unread_mentions"], 0);
}

#[tokio::test]
async fn a_received_report_reaches_the_senders_as_delivered() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "g", &[&bob, &carol]).await;
    let (mut a, mut b, mut c) = (s.ws(&alice).await, s.ws(&bob).await, s.ws(&carol).await);
    send(&mut a, &g, "m1", "ping").await;
    b.next_of("message").await;
    c.next_of("message").await;

    let ok = b.request(frames::received(&g, 1), "d1").await;
    assert_eq!(ok["type"], "ok");
    let d = a.next_of("delivered").await;
    assert_eq!(
        (d["user_id"].as_str(), d["seq"].as_u64()),
        (Some(bob.id.as_str()), Some(1))
    );
    c.silent_for(Duration::from_millis(300), &["presence", "typing"])
        .await;

    let detail = s
        .get(&format!("/api/v1/conversations/{g}"), &alice.token)
        .await;
    let of = |id: &str| {
        detail.json["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["user_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            of(&bob.id)["delivered_seq"].as_u64(),
            of(&bob.id)["last_read_seq"].as_u64()
        ),
        (Some(1), Some(0))
    );
    assert_eq!(of(&carol.id)["delivered_seq"], 0);
    // Reading implies receiving.
    c.request(frames::read(&g, 1), "r").await;
    let detail = s
        .get(&format!("/api/v1/conversations/{g}"), &alice.token)
        .await;
    let carol_row = detail.json["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == carol.id.as_str())
        .unwrap()
        .clone();
    assert_eq!(carol_row["delivered_seq"], 1);
}

#[tokio::test]
async fn a_client_back_from_offline_learns_every_change_once_from_its_version() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let d = s.direct(&alice, &bob).await;
    let mut a = s.ws(&alice).await;
    for i in 1..=4 {
        send(&mut a, &d, &format!("m{i}"), &format!("message {i}")).await;
    }
    // Bob saw everything up to here, then goes away.
    let mut b = s.ws(&bob).await;
    let page = b.request(frames::history(&d, None, None, None), "h").await;
    let seen_version = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["version"].as_u64().unwrap_or(0))
        .max()
        .unwrap();
    drop(b);

    a.request(frames::edit(&d, 1, "message one"), "e").await;
    a.request(frames::recall(&d, 2), "r").await;
    a.request(frames::react(&d, 3, "🎉", None), "x").await;
    a.request(frames::edit(&d, 1, "message 1 (final)"), "e2")
        .await;

    let mut b = s.ws(&bob).await;
    let changes = b
        .request(frames::changes(&d, seen_version, None), "c")
        .await;
    assert_eq!(changes["type"], "changes");
    let got: Vec<(u64, u64)> = changes["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["seq"].as_u64().unwrap(), m["version"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        got,
        [(2, 2), (3, 3), (1, 4)],
        "each changed message once, at its latest"
    );
    assert_eq!(changes["messages"][2]["body"], "message 1 (final)");
    // Nothing more after the newest version; the same over HTTP.
    let none = b.request(frames::changes(&d, 4, None), "c2").await;
    assert_eq!(none["messages"], json!([]));
    let http = s
        .get(
            &format!("/api/v1/conversations/{d}/changes?after_version=2"),
            &bob.token,
        )
        .await;
    assert_eq!(http.json["messages"].as_array().unwrap().len(), 2);
    let outsider = s.user("mallory").await;
    let denied = s
        .get(
            &format!("/api/v1/conversations/{d}/changes"),
            &outsider.token,
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn search_finds_chinese_and_english_in_my_conversations_only() {
    let s = Server::start().await;
    let (alice, bob, mallory) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("mallory").await,
    );
    let mine = s.direct(&alice, &bob).await;
    let theirs = s.direct(&alice, &mallory).await;
    let mut a = s.ws(&alice).await;
    for (i, (conv, body)) in [
        (&mine, "明天下午三点开会"),
        (&theirs, "开会的秘密 secret meeting"),
        (&mine, "Meeting notes are in the doc"),
        (&mine, "会议室在三楼，开会别迟到"),
        (&mine, "unrelated"),
    ]
    .iter()
    .enumerate()
    {
        send(&mut a, conv, &format!("m{i}"), body).await;
    }
    let search = |q: &str, extra: &str| format!("/api/v1/search?q={}{extra}", urlencode(q));
    let bodies = |r: &Resp| -> Vec<String> {
        r.json["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["body"].as_str().unwrap().to_owned())
            .collect()
    };

    let r = s.get(&search("开会", ""), &bob.token).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        bodies(&r),
        ["会议室在三楼，开会别迟到", "明天下午三点开会"],
        "newest first, never mallory's"
    );
    let r = s.get(&search("MEETING", ""), &bob.token).await;
    assert_eq!(bodies(&r), ["Meeting notes are in the doc"]);
    // Alice is in both; she finds both, and can narrow to one conversation.
    let r = s.get(&search("开会", ""), &alice.token).await;
    assert_eq!(r.json["messages"].as_array().unwrap().len(), 3);
    let r = s
        .get(
            &search("开会", &format!("&conversation_id={theirs}")),
            &alice.token,
        )
        .await;
    assert_eq!(bodies(&r), ["开会的秘密 secret meeting"]);
    // Paging.
    let first = s.get(&search("开会", "&limit=1"), &bob.token).await;
    assert_eq!(bodies(&first), ["会议室在三楼，开会别迟到"]);
    let next = first.json["next"].as_str().unwrap();
    let second = s
        .get(
            &search("开会", &format!("&limit=1&before={next}")),
            &bob.token,
        )
        .await;
    assert_eq!(bodies(&second), ["明天下午三点开会"]);
    // Bob may not search a conversation he is not in; bad queries are refused.
    let denied = s
        .get(
            &search("开会", &format!("&conversation_id={theirs}")),
            &bob.token,
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.get(&search("!!", ""), &bob.token).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        s.get(&search("x", "&before=nope"), &bob.token).await.status,
        StatusCode::BAD_REQUEST
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
