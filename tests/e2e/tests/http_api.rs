//! Every HTTP row of protocol v1, against the real server on an ephemeral port.

mod support;

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use http_body_util::Full;
use serde_json::json;
use support::*;

#[tokio::test]
async fn users_register_with_clear_errors_and_are_found_by_prefix() {
    let s = Server::start().await;
    let r = s
        .post(
            "/api/v1/users",
            None,
            json!({"username": "alice", "password": PW, "display_name": "Alice 🌸"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.json["username"], "alice");
    assert_eq!(r.json["display_name"], "Alice 🌸");
    for key in ["id", "created_at"] {
        assert!(r.json[key].is_string(), "{key} in {}", r.json);
    }
    assert!(r.json.get("password_hash").is_none());

    let again = s
        .post(
            "/api/v1/users",
            None,
            json!({"username": "ALICE", "password": PW}),
        )
        .await;
    assert_eq!(
        (again.status, again.json["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    let bad_name = s
        .post(
            "/api/v1/users",
            None,
            json!({"username": "a b", "password": PW}),
        )
        .await;
    assert_eq!(bad_name.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_name.json["error"]["code"], "bad_request");
    let short = s
        .post(
            "/api/v1/users",
            None,
            json!({"username": "bob", "password": "1234567"}),
        )
        .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(short.json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("8"));

    let bob = s.user("bob").await;
    s.user("alicia").await;
    let found = s.get("/api/v1/users?query=ali", &bob.token).await;
    assert_eq!(found.status, StatusCode::OK);
    let names: Vec<_> = found
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "alicia"]);

    // Profiles by id: unknown ids left out, repeats answered once, a bad id refused.
    let alice_id = found.json[0]["id"].as_str().unwrap();
    let unknown = uuid::Uuid::new_v4();
    let by_id = s
        .get(
            &format!(
                "/api/v1/users?id={alice_id}&id={}&id={unknown}&id={alice_id}",
                bob.id
            ),
            &bob.token,
        )
        .await;
    assert_eq!(by_id.status, StatusCode::OK);
    let mut names: Vec<_> = by_id
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["alice", "bob"]);
    let bad = s.get("/api/v1/users?id=nope", &bob.token).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let many: String = (0..101)
        .map(|_| format!("id={}&", uuid::Uuid::new_v4()))
        .collect();
    let too_many = s.get(&format!("/api/v1/users?{many}"), &bob.token).await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);

    let me = s.get("/api/v1/me", &bob.token).await;
    assert_eq!(
        (me.json["id"].as_str(), me.json["role"].as_str()),
        (Some(bob.id.as_str()), Some("user"))
    );
}

#[tokio::test]
async fn sessions_open_refuse_wrong_credentials_and_end_at_once() {
    let s = Server::start().await;
    let alice = s.user("alice").await;
    let r = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": "alice", "password": "wrong-password"}),
        )
        .await;
    assert_eq!(
        (r.status, r.json["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorized"))
    );
    let r = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": "alice", "password": PW}),
        )
        .await;
    assert!(r.json["expires_at"].is_string() && r.json["token"].as_str().unwrap().len() >= 32);

    assert_eq!(
        s.get("/api/v1/me", &alice.token).await.status,
        StatusCode::OK
    );
    let out = s
        .call(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        s.get("/api/v1/me", &alice.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        s.call(Method::GET, "/api/v1/me", None, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn conversations_are_created_listed_and_shown_to_members_only() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );

    let first = s
        .post(
            "/api/v1/conversations",
            Some(&alice.token),
            json!({"kind": "direct", "peer_id": bob.id}),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(
        (first.json["kind"].as_str(), first.json["last_seq"].as_u64()),
        (Some("direct"), Some(0))
    );
    let second = s
        .post(
            "/api/v1/conversations",
            Some(&bob.token),
            json!({"kind": "direct", "peer_id": alice.id}),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.json["id"], first.json["id"]);
    let dm = first.json["id"].as_str().unwrap().to_owned();

    let group = s.group(&alice, "项目 🚀", &[&bob]).await;
    s.post(
        &format!("/api/v1/conversations/{dm}/messages"),
        Some(&alice.token),
        json!({"client_msg_id": "d1", "kind": "text", "body": "hi bob"}),
    )
    .await;
    s.post(
        &format!("/api/v1/conversations/{group}/messages"),
        Some(&alice.token),
        json!({"client_msg_id": "g1", "kind": "text", "body": "hi team"}),
    )
    .await;
    s.post(
        &format!("/api/v1/conversations/{group}/messages"),
        Some(&alice.token),
        json!({"client_msg_id": "g2", "kind": "text", "body": "agenda"}),
    )
    .await;

    let list = s.get("/api/v1/conversations", &bob.token).await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], group.as_str(), "newest activity first");
    assert_eq!(
        (list[0]["last_seq"].as_u64(), list[0]["unread"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(list[0]["last_message"]["body"], "agenda");
    assert_eq!(list[0]["title"], "项目 🚀");
    assert_eq!(list[1]["peer_id"], alice.id.as_str());

    let detail = s
        .get(&format!("/api/v1/conversations/{group}"), &bob.token)
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    let members = detail.json["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert!(members
        .iter()
        .all(|m| m["user_id"].is_string() && m["role"].is_string() && m["last_read_seq"].is_u64()));

    let denied = s
        .get(&format!("/api/v1/conversations/{group}"), &carol.token)
        .await;
    assert_eq!(
        (denied.status, denied.json["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    let bad_id = s
        .get("/api/v1/conversations/not-a-uuid", &carol.token)
        .await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn members_are_added_by_owners_and_leave_by_themselves() {
    let s = Server::start().await;
    let (owner, bob, carol, dave) = (
        s.user("owner").await,
        s.user("bob").await,
        s.user("carol").await,
        s.user("dave").await,
    );
    let g = s.group(&owner, "team", &[&bob]).await;
    let path = format!("/api/v1/conversations/{g}/members");

    let by_member = s
        .post(&path, Some(&bob.token), json!({"user_id": carol.id}))
        .await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.post(&path, Some(&owner.token), json!({"user_id": carol.id}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.post(&path, Some(&owner.token), json!({"user_id": carol.id}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let ghost = uuid::Uuid::new_v4();
    assert_eq!(
        s.post(&path, Some(&owner.token), json!({"user_id": ghost}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let remove_other = s
        .call(
            Method::DELETE,
            &format!("{path}/{}", carol.id),
            Some(&bob.token),
            None,
        )
        .await;
    assert_eq!(remove_other.status, StatusCode::FORBIDDEN);
    let leave = s
        .call(
            Method::DELETE,
            &format!("{path}/{}", bob.id),
            Some(&bob.token),
            None,
        )
        .await;
    assert_eq!(leave.status, StatusCode::NO_CONTENT);
    assert_eq!(
        s.get(&format!("/api/v1/conversations/{g}"), &bob.token)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let kick = s
        .call(
            Method::DELETE,
            &format!("{path}/{}", carol.id),
            Some(&owner.token),
            None,
        )
        .await;
    assert_eq!(kick.status, StatusCode::NO_CONTENT);

    let dm = s.direct(&owner, &dave).await;
    let into_dm = s
        .post(
            &format!("/api/v1/conversations/{dm}/members"),
            Some(&owner.token),
            json!({"user_id": bob.id}),
        )
        .await;
    assert_eq!(
        into_dm.status,
        StatusCode::FORBIDDEN,
        "a direct conversation never changes"
    );
}

#[tokio::test]
async fn messages_are_sent_idempotently_paged_and_read() {
    let s = Server::start_with(|c| c.chat.rate_limit_max = 1000).await;
    let (alice, bob, eve) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("eve").await,
    );
    let dm = s.direct(&alice, &bob).await;
    let path = format!("/api/v1/conversations/{dm}/messages");

    let sent = s
        .post(
            &path,
            Some(&alice.token),
            json!({"client_msg_id": "c-1", "kind": "text", "body": "  你好 👋  "}),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED);
    for key in [
        "id",
        "conversation_id",
        "seq",
        "sender_id",
        "kind",
        "body",
        "client_msg_id",
        "created_at",
    ] {
        assert!(!sent.json[key].is_null(), "{key} in {}", sent.json);
    }
    assert_eq!(
        (sent.json["seq"].as_u64(), sent.json["body"].as_str()),
        (Some(1), Some("你好 👋"))
    );
    let retry = s
        .post(
            &path,
            Some(&alice.token),
            json!({"client_msg_id": "c-1", "kind": "text", "body": "  你好 👋  "}),
        )
        .await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.json, sent.json);

    for i in 2..=130 {
        let r = s
            .post(
                &path,
                Some(&bob.token),
                json!({"client_msg_id": format!("b{i}"), "kind": "text", "body": format!("m{i}")}),
            )
            .await;
        assert_eq!(r.json["seq"].as_u64(), Some(i));
    }
    let seqs = |r: &Resp| {
        r.json["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["seq"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    let newest = s.get(&path, &alice.token).await;
    assert_eq!(
        seqs(&newest),
        (81..=130).collect::<Vec<_>>(),
        "default limit 50, newest page"
    );
    assert_eq!(
        seqs(&s.get(&format!("{path}?before_seq=4"), &alice.token).await),
        [1, 2, 3]
    );
    assert_eq!(
        seqs(
            &s.get(&format!("{path}?after_seq=57&limit=2"), &alice.token)
                .await
        ),
        [58, 59]
    );
    let capped = seqs(
        &s.get(&format!("{path}?after_seq=1&limit=1000"), &alice.token)
            .await,
    );
    assert_eq!(
        capped,
        (2..=101).collect::<Vec<_>>(),
        "limit is capped at 100"
    );
    for bad in [
        "?before_seq=-1",
        "?after_seq=abc",
        "?limit=0",
        "?before_seq=0",
    ] {
        let r = s.get(&format!("{path}{bad}"), &alice.token).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
    }
    // A client that has seen nothing asks for what comes after 0: the first page.
    let first = s
        .get(&format!("{path}?after_seq=0&limit=3"), &alice.token)
        .await;
    let seqs: Vec<u64> = first.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, [1, 2, 3], "{}", first.text);
    assert_eq!(s.get(&path, &eve.token).await.status, StatusCode::FORBIDDEN);
    let intruder = s
        .post(
            &path,
            Some(&eve.token),
            json!({"client_msg_id": "e", "kind": "text", "body": "hi"}),
        )
        .await;
    assert_eq!(intruder.status, StatusCode::FORBIDDEN);
    let too_long = s
        .post(
            &path,
            Some(&alice.token),
            json!({"client_msg_id": "long", "kind": "text", "body": "x".repeat(5001)}),
        )
        .await;
    assert_eq!(
        (too_long.status, too_long.json["error"]["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large"))
    );

    let read = format!("/api/v1/conversations/{dm}/read");
    assert_eq!(
        s.post(&read, Some(&alice.token), json!({"seq": 40}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        s.post(&read, Some(&alice.token), json!({"seq": 10}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let detail = s
        .get(&format!("/api/v1/conversations/{dm}"), &alice.token)
        .await;
    let mine = detail.json["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == alice.id.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        mine["last_read_seq"], 40,
        "the cursor never moves backwards"
    );
    assert_eq!(
        s.post(&read, Some(&alice.token), json!({"seq": 9999}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let list = s.get("/api/v1/conversations", &alice.token).await;
    assert_eq!(
        list.json[0]["unread"], 0,
        "read past the end means all read, capped at last_seq"
    );
}

#[tokio::test]
async fn presence_health_and_metrics_answer() {
    let s = Server::start().await;
    let (alice, bob, stranger) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("zed").await,
    );
    s.acquainted(&alice, &bob).await;
    s.direct(&alice, &stranger).await; // opened, never answered: zed stays a stranger
    let _online = s.ws(&bob).await;
    let r = s
        .get(
            &format!(
                "/api/v1/presence?user_id={}&user_id={}",
                bob.id, stranger.id
            ),
            &alice.token,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let list = r.json.as_array().unwrap();
    assert_eq!(
        list.len(),
        1,
        "only people who share a conversation: {list:?}"
    );
    assert_eq!(
        (list[0]["user_id"].as_str(), list[0]["status"].as_str()),
        (Some(bob.id.as_str()), Some("online"))
    );
    assert_eq!(
        s.get("/api/v1/presence?user_id=zzz", &alice.token)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    let h = s.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(
        (h.status, h.json["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    assert_eq!(s.metric("chat_connections_open").await, 1.0);
    assert!(s.metric("chat_http_requests_total").await >= 5.0);
}

#[tokio::test]
async fn admins_list_ban_unban_and_read_stats_and_nobody_else_can() {
    let s = Server::start().await;
    let root = s.admin("root").await;
    let eve = s.user("eve").await;
    assert_eq!(
        s.get("/api/v1/admin/users", &eve.token).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.get("/api/v1/admin/stats", &eve.token).await.status,
        StatusCode::FORBIDDEN
    );

    let users = s.get("/api/v1/admin/users?query=e", &root.token).await;
    assert_eq!(users.json.as_array().unwrap().len(), 1);
    assert_eq!(users.json[0]["banned"], false);

    let mut live = s.ws(&eve).await;
    let banned = s
        .post(
            &format!("/api/v1/admin/users/{}/ban", eve.id),
            Some(&root.token),
            json!({}),
        )
        .await;
    assert_eq!(
        (banned.status, banned.json["banned"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    let frame = live.closed().await.expect("a close frame");
    assert_eq!(u16::from(frame.code), 1008);
    assert_eq!(
        s.get("/api/v1/me", &eve.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let login = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": "eve", "password": PW}),
        )
        .await;
    assert_eq!(login.status, StatusCode::FORBIDDEN);

    let unbanned = s
        .post(
            &format!("/api/v1/admin/users/{}/unban", eve.id),
            Some(&root.token),
            json!({}),
        )
        .await;
    assert_eq!(unbanned.json["banned"], false);
    s.login("eve").await;
    let mut stats = s.get("/api/v1/admin/stats", &root.token).await.json;
    let hours = stats["signups_per_hour"].take();
    assert_eq!(
        stats,
        json!({"users": 2, "conversations": 0, "messages": 0, "live_connections": 0, "signups_per_hour": null})
    );
    // Both accounts were made within the last 24 hours (one or two of them, should the
    // test straddle an hour).
    let counts: Vec<u64> = hours
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["count"].as_u64().unwrap())
        .collect();
    assert_eq!(
        (counts.len(), counts.iter().sum::<u64>()),
        (24, 2),
        "{hours}"
    );
}

#[tokio::test]
async fn bad_requests_get_the_documented_errors() {
    let s = Server::start_with(|c| c.chat.rate_limit_max = 3).await;
    let alice = s.user("alice").await;
    let req = |method: Method, path: &str, ct: Option<&str>, body: &'static [u8]| {
        let mut b = Request::builder()
            .method(method)
            .uri(s.url(path))
            .header("authorization", format!("Bearer {}", alice.token));
        if let Some(ct) = ct {
            b = b.header("content-type", ct);
        }
        b.body(Full::new(Bytes::from_static(body))).unwrap()
    };
    let r = s
        .raw(req(
            Method::POST,
            "/api/v1/conversations",
            Some("application/json"),
            b"{not json",
        ))
        .await;
    assert_eq!(
        (r.status, r.json["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    let r = s
        .raw(req(
            Method::POST,
            "/api/v1/conversations",
            Some("text/plain"),
            b"{}",
        ))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = s
        .raw(req(
            Method::POST,
            "/api/v1/conversations",
            Some("application/json"),
            br#"{"kind":"direct","peer_id":42}"#,
        ))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = s.raw(req(Method::GET, "/api/v1/nowhere", None, b"")).await;
    assert_eq!(
        (r.status, r.json["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let big = s
        .post(
            "/api/v1/conversations",
            Some(&alice.token),
            json!({"kind": "group", "title": "x".repeat(70_000)}),
        )
        .await;
    assert_eq!(
        (big.status, big.json["error"]["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("too_large"))
    );

    let g = s.group(&alice, "flood", &[]).await;
    let path = format!("/api/v1/conversations/{g}/messages");
    for i in 0..3 {
        let r = s
            .post(
                &path,
                Some(&alice.token),
                json!({"client_msg_id": format!("f{i}"), "kind": "text", "body": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let limited = s
        .post(
            &path,
            Some(&alice.token),
            json!({"client_msg_id": "f4", "kind": "text", "body": "x"}),
        )
        .await;
    assert_eq!(
        (limited.status, limited.json["error"]["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after));
    assert!(s.metric("chat_errors_total{code=\"rate_limited\"}").await >= 1.0);
}
