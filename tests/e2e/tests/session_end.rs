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
