//! A session ends everywhere at once: at its `expires_at` an open WebSocket closes with
//! 1008 as HTTP starts answering 401, and a user can end all their other sessions.

mod support;

use std::time::Duration;

use chrono::{DateTime, Utc};
use http::{Method, StatusCode};
use support::*;

#[tokio::test]
async fn an_open_socket_closes_with_1008_when_its_session_expires() {
    let s = Server::start_with(|c| c.chat.token_ttl = Duration::from_secs(2)).await;
    s.user("alice").await;
    let login = s
        .post(
            "/api/v1/sessions",
            None,
            serde_json::json!({"username": "alice", "password": PW}),
        )
        .await;
    let token = login.json["token"].as_str().unwrap().to_owned();
    let expires_at: DateTime<Utc> = login.json["expires_at"].as_str().unwrap().parse().unwrap();
    let alice = User {
        id: login.json["user_id"].as_str().unwrap().to_owned(),
        token,
        name: "alice".into(),
    };
    let mut ws = s.ws(&alice).await;
    let ok = ws.request(frames::ping(), "before").await;
    assert_eq!(ok["type"], "pong", "{ok}");

    let frame = ws.closed().await.expect("a close frame");
    let late = Utc::now() - expires_at;
    assert_eq!(u16::from(frame.code), 1008, "{frame:?}");
    assert!(
        late >= chrono::Duration::zero(),
        "closed {late} before expiry"
    );
    assert!(
        late < chrono::Duration::seconds(1),
        "closed {late} after expiry"
    );
    println!("closed {} ms after expires_at", late.num_milliseconds());
    assert_eq!(
        s.get("/api/v1/me", &alice.token).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn ending_the_other_sessions_closes_their_sockets_and_keeps_this_one() {
    let s = Server::start().await;
    let here = s.user("alice").await;
    let phone = s.login("alice").await;
    let laptop = s.login("alice").await;
    let bob = s.user("bob").await;
    let (mut here_ws, mut phone_ws, mut bob_ws) =
        (s.ws(&here).await, s.ws(&phone).await, s.ws(&bob).await);

    let wrong = s
        .call(Method::DELETE, "/api/v1/sessions", Some(&here.token), None)
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.text);
    let path = "/api/v1/sessions?all_but_current=true";
    let ended = s.call(Method::DELETE, path, Some(&here.token), None).await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT, "{}", ended.text);

    assert_eq!(
        phone_ws.closed().await.map(|f| u16::from(f.code)),
        Some(1008)
    );
    for gone in [&phone, &laptop] {
        assert_eq!(
            s.get("/api/v1/me", &gone.token).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        s.get("/api/v1/me", &here.token).await.status,
        StatusCode::OK
    );
    assert_eq!(here_ws.request(frames::ping(), "p").await["type"], "pong");
    assert_eq!(bob_ws.request(frames::ping(), "p").await["type"], "pong");
    assert_eq!(s.get("/api/v1/me", &bob.token).await.status, StatusCode::OK);
}

/// Logs `name` in from a client that names itself `agent`.
async fn login_from(s: &Server, name: &str, agent: &str) -> User {
    let body = serde_json::json!({"username": name, "password": PW}).to_string();
    let req = http::Request::post(s.url("/api/v1/sessions"))
        .header("content-type", "application/json")
        .header("user-agent", agent)
        .body(http_body_util::Full::new(bytes::Bytes::from(body)))
        .unwrap();
    let r = s.raw(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    User {
        id: r.json["user_id"].as_str().unwrap().to_owned(),
        token: r.json["token"].as_str().unwrap().to_owned(),
        name: name.to_owned(),
    }
}

#[tokio::test]
async fn a_user_sees_their_sessions_and_ends_a_lost_phone() {
    let s = Server::start().await;
    s.user("alice").await;
    let phone = login_from(&s, "alice", "ChatPhone/2.1 (Android 15)").await;
    let here = login_from(&s, "alice", "Mozilla/5.0 (X11;\tLinux x86_64)").await;
    let bob = s.user("bob").await;
    let mut phone_ws = s.ws(&phone).await;

    let listed = s.get("/api/v1/sessions", &here.token).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
    let sessions = listed.json.as_array().unwrap().clone();
    assert_eq!(sessions.len(), 3, "{sessions:?}");
    let agents: Vec<_> = sessions.iter().map(|x| x["user_agent"].clone()).collect();
    assert_eq!(
        agents,
        [
            serde_json::json!("Mozilla/5.0 (X11;Linux x86_64)"),
            serde_json::json!("ChatPhone/2.1 (Android 15)"),
            serde_json::Value::Null,
        ],
        "newest first; control characters dropped; no agent for the test client"
    );
    let current: Vec<_> = sessions.iter().map(|x| x["current"].clone()).collect();
    assert_eq!(current, [true, false, false]);
    for x in &sessions {
        let id = x["id"].as_str().unwrap();
        assert!(!phone.token.contains(id) && !here.token.contains(id));
        let (created, used) = (x["created_at"].as_str(), x["last_used_at"].as_str());
        assert!(created.is_some() && used.is_some(), "{x}");
    }
    let phone_id = sessions[1]["id"].as_str().unwrap().to_owned();

    let theirs = s.get("/api/v1/sessions", &bob.token).await;
    assert_eq!(theirs.json.as_array().unwrap().len(), 1);
    let path = format!("/api/v1/sessions/{phone_id}");
    let not_yours = s.call(Method::DELETE, &path, Some(&bob.token), None).await;
    assert_eq!(
        not_yours.status,
        StatusCode::NOT_FOUND,
        "{}",
        not_yours.text
    );
    assert_eq!(
        s.get("/api/v1/me", &phone.token).await.status,
        StatusCode::OK
    );

    let ended = s.call(Method::DELETE, &path, Some(&here.token), None).await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT, "{}", ended.text);
    assert_eq!(
        phone_ws.closed().await.map(|f| u16::from(f.code)),
        Some(1008)
    );
    assert_eq!(
        s.get("/api/v1/me", &phone.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let again = s.call(Method::DELETE, &path, Some(&here.token), None).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let left = s.get("/api/v1/sessions", &here.token).await;
    assert_eq!(left.json.as_array().unwrap().len(), 2);
    assert_eq!(
        s.get("/api/v1/me", &here.token).await.status,
        StatusCode::OK
    );
}
