//! `GET /api/v1/me/export`: the caller's profile, each conversation they are in with
//! their standing, the messages they sent (across many pages of history), their
//! reactions and their files, in one JSON document streamed as it is read; nothing of
//! anyone else's messages.

mod support;

use http::{Method, StatusCode};
use serde_json::{json, Value};
use support::*;

async fn send(s: &Server, who: &User, conv: &str, body: Value) -> u64 {
    let mut body = body;
    body["client_msg_id"] = json!(uuid::Uuid::new_v4().to_string());
    let r = s
        .post(
            &format!("/api/v1/conversations/{conv}/messages"),
            Some(&who.token),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["seq"].as_u64().unwrap()
}

fn conversation<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no conversation {id} in the export"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_holds_the_callers_own_data_and_nothing_of_others() {
    let s = Server::start_with(|c| c.chat.rate_limit_max = 100_000).await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "plans", &[&bob]).await;
    let d = s.direct(&alice, &bob).await;
    let elsewhere = s.group(&bob, "not alice's", &[&carol]).await;

    // 250 of alice's messages between bob's, so her messages span several pages.
    for i in 0..250 {
        send(&s, &alice, &g, json!({"body": format!("alice {i}")})).await;
        if i % 50 == 0 {
            send(&s, &bob, &g, json!({"body": format!("bob {i}")})).await;
        }
    }
    let bobs = send(&s, &bob, &g, json!({"body": "bob's last"})).await;
    let edited = send(&s, &alice, &g, json!({"body": "first"})).await;
    let path = |seq: u64| format!("/api/v1/conversations/{g}/messages/{seq}");
    let r = s
        .call(
            Method::PATCH,
            &path(edited),
            Some(&alice.token),
            Some(json!({"body": "second"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let recalled = send(&s, &alice, &g, json!({"body": "oops"})).await;
    let r = s
        .call(Method::DELETE, &path(recalled), Some(&alice.token), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = s
        .post(
            &format!("{}/reactions", path(bobs)),
            Some(&alice.token),
            json!({"emoji": "👍"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = s
        .post(
            &format!("/api/v1/conversations/{g}/read"),
            Some(&alice.token),
            json!({"seq": 100}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let file = s.upload_text(&alice, "plan.txt", "the plan").await;
    send(
        &s,
        &alice,
        &d,
        json!({"kind": "file", "body": json!({"file_id": file}).to_string()}),
    )
    .await;
    send(&s, &bob, &elsewhere, json!({"body": "carol only"})).await;

    let r = s.get("/api/v1/me/export", &alice.token).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.headers["content-type"], "application/json");
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(
        r.headers.get("content-length").is_none(),
        "streamed, not built first"
    );
    let doc = &r.json;
    assert_eq!(doc["format"], "chat-export/1");
    assert_eq!(doc["profile"]["username"], "alice");
    assert_eq!(doc["conversations"].as_array().unwrap().len(), 2);

    let group = conversation(doc, &g);
    assert_eq!(
        (group["kind"].as_str(), group["title"].as_str()),
        (Some("group"), Some("plans"))
    );
    assert_eq!(
        (group["role"].as_str(), group["last_read_seq"].as_u64()),
        (Some("owner"), Some(100))
    );
    let messages = group["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 252, "every message of hers, no one else's");
    assert!(messages.iter().all(|m| m["sender_id"] == alice.id.as_str()));
    let seqs: Vec<u64> = messages
        .iter()
        .map(|m| m["seq"].as_u64().unwrap())
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "in seq order");
    let by_seq = |seq: u64| messages.iter().find(|m| m["seq"] == seq).unwrap();
    assert_eq!(by_seq(edited)["body"], "second");
    assert_eq!(by_seq(recalled)["deleted"], true);
    assert!(by_seq(recalled)["body"].is_null());
    assert_eq!(group["reactions"], json!([{"seq": bobs, "emoji": "👍"}]));
    assert_eq!(group["files"], json!([]));

    let direct = conversation(doc, &d);
    assert_eq!(direct["messages"].as_array().unwrap().len(), 1);
    assert_eq!(direct["files"][0]["file_id"], file.as_str());
    assert_eq!(direct["files"][0]["name"], "plan.txt");
    assert!(!r.text.contains("carol only") && !r.text.contains("bob's last"));

    let theirs = s.get("/api/v1/me/export", &bob.token).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_eq!(theirs.json["conversations"].as_array().unwrap().len(), 3);
    assert!(!theirs.text.contains("alice 1"));
    let anonymous = s.call(Method::GET, "/api/v1/me/export", None, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
