//! Bots: made by admins with a token that lasts until revoked; they use the normal API
//! and WebSocket, show as bots wherever users appear, and cannot log in with a password.

mod support;

use http::{Method, StatusCode};
use serde_json::json;
use support::*;

async fn create_bot(s: &Server, admin: &User, name: &str) -> User {
    let r = s
        .post(
            "/api/v1/admin/bots",
            Some(&admin.token),
            json!({"username": name, "display_name": "CI 🤖"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json["user"]["bot"], true);
    assert_eq!(r.json["user"]["display_name"], "CI 🤖");
    User {
        id: r.json["user"]["id"].as_str().unwrap().to_owned(),
        token: r.json["token"].as_str().unwrap().to_owned(),
        name: name.to_owned(),
    }
}

#[tokio::test]
async fn a_bot_chats_through_the_normal_api_and_shows_as_a_bot() {
    let s = Server::start().await;
    let admin = s.admin("root").await;
    let alice = s.user("alice").await;
    let refused = s
        .post(
            "/api/v1/admin/bots",
            Some(&alice.token),
            json!({"username": "sneaky"}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    let bot = create_bot(&s, &admin, "ci-bot").await;
    let taken = s
        .post(
            "/api/v1/admin/bots",
            Some(&admin.token),
            json!({"username": "CI-BOT"}),
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);

    let me = s.get("/api/v1/me", &bot.token).await;
    assert_eq!(
        (me.json["bot"].as_bool(), me.json["role"].as_str()),
        (Some(true), Some("user"))
    );
    let group = s.group(&alice, "builds", &[&bot]).await;
    let mut alice_ws = s.ws(&alice).await;
    let mut bot_ws = s.ws(&bot).await;
    let sent = s
        .post(
            &format!("/api/v1/conversations/{group}/messages"),
            Some(&bot.token),
            json!({"client_msg_id": "build-1", "body": "build #1 passed ✅"}),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    assert_eq!(
        alice_ws.next_of("message").await["message"]["sender_id"],
        bot.id.as_str()
    );
    let ack = bot_ws
        .request(frames::send(&group, "build-2", "build #2 passed"), "b2")
        .await;
    assert_eq!(ack["type"], "ack", "{ack}");
    let heard = s
        .post(
            &format!("/api/v1/conversations/{group}/messages"),
            Some(&alice.token),
            json!({"client_msg_id": "thanks", "body": "thanks bot"}),
        )
        .await;
    assert_eq!(heard.status, StatusCode::CREATED);
    // The bot's own HTTP send reached its socket too, as any sender's other devices.
    let mut bodies = Vec::new();
    while bodies.last().map(String::as_str) != Some("thanks bot") {
        let m = bot_ws.next_of("message").await;
        bodies.push(m["message"]["body"].as_str().unwrap().to_owned());
    }
    assert_eq!(bodies, ["build #1 passed ✅", "thanks bot"]);

    let listed = s
        .get(
            &format!("/api/v1/users?id={}&id={}", bot.id, alice.id),
            &alice.token,
        )
        .await;
    for u in listed.json.as_array().unwrap() {
        assert_eq!(u["bot"], u["id"] == bot.id.as_str(), "{u}");
    }
    let admin_list = s.get("/api/v1/admin/users?query=ci", &admin.token).await;
    assert_eq!(admin_list.json[0]["bot"], true);
    let login = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": "ci-bot", "password": PW}),
        )
        .await;
    assert_eq!(
        login.status,
        StatusCode::UNAUTHORIZED,
        "a bot has no password"
    );

    let stored = s
        .app
        .ports()
        .storage
        .sessions
        .list_active(bot.id.parse().unwrap(), chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].expires_at,
        chat_domain::entities::Session::never_expires(),
        "a bot's token does not expire"
    );
}

#[tokio::test]
async fn a_bots_token_is_revoked_and_renewed_by_admins_only() {
    let s = Server::start().await;
    let admin = s.admin("root").await;
    let alice = s.user("alice").await;
    let bot = create_bot(&s, &admin, "deploy-bot").await;
    let mut bot_ws = s.ws(&bot).await;
    let path = format!("/api/v1/admin/bots/{}/token", bot.id);

    for (method, who) in [(Method::DELETE, &alice), (Method::POST, &alice)] {
        let r = s.call(method, &path, Some(&who.token), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    }
    for id in [alice.id.clone(), uuid::Uuid::new_v4().to_string()] {
        let not_a_bot = format!("/api/v1/admin/bots/{id}/token");
        let r = s
            .call(Method::POST, &not_a_bot, Some(&admin.token), None)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    }
    assert_eq!(
        s.get("/api/v1/me", &alice.token).await.status,
        StatusCode::OK
    );

    let revoked = s
        .call(Method::DELETE, &path, Some(&admin.token), None)
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.text);
    assert_eq!(bot_ws.closed().await.map(|f| u16::from(f.code)), Some(1008));
    assert_eq!(
        s.get("/api/v1/me", &bot.token).await.status,
        StatusCode::UNAUTHORIZED
    );

    let renewed = s.call(Method::POST, &path, Some(&admin.token), None).await;
    assert_eq!(renewed.status, StatusCode::CREATED, "{}", renewed.text);
    let second = renewed.json["token"].as_str().unwrap().to_owned();
    assert_eq!(s.get("/api/v1/me", &second).await.status, StatusCode::OK);
    // Renewing again replaces it: one token at a time.
    let third = s.call(Method::POST, &path, Some(&admin.token), None).await;
    let third = third.json["token"].as_str().unwrap().to_owned();
    assert_eq!(
        s.get("/api/v1/me", &second).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(s.get("/api/v1/me", &third).await.status, StatusCode::OK);
}
