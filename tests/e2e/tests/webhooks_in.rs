//! Incoming webhooks: a group's owner or admin makes one; anyone with its URL posts into
//! the group as its bot, idempotently and rate limited; deleted, the URL answers 404.

mod support;

use http::{Method, StatusCode};
use serde_json::json;
use support::*;

fn hooks_of(group: &str) -> String {
    format!("/api/v1/conversations/{group}/webhooks")
}

#[tokio::test]
async fn a_webhook_posts_into_its_group_as_its_bot_until_deleted() {
    let s = Server::start_with(|c| c.store = chat_server::Store::Txt).await;
    let (owner, member, outsider) = (
        s.user("owner").await,
        s.user("member").await,
        s.user("outsider").await,
    );
    let group = s.group(&owner, "ops", &[&member]).await;
    let mut member_ws = s.ws(&member).await;

    for who in [&member, &outsider] {
        let r = s
            .post(&hooks_of(&group), Some(&who.token), json!({"name": "CI"}))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    }
    let dm = s.direct(&owner, &member).await;
    let r = s
        .post(&hooks_of(&dm), Some(&owner.token), json!({"name": "CI"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "groups only: {}", r.text);
    let r = s
        .post(&hooks_of(&group), Some(&owner.token), json!({"name": "  "}))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let made = s
        .post(
            &hooks_of(&group),
            Some(&owner.token),
            json!({"name": "CI builds"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let token = made.json["token"].as_str().unwrap().to_owned();
    assert!(
        token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "128 bits or more"
    );
    assert_eq!(made.json["url"], format!("/hooks/{token}"));
    let joined = member_ws.next_of("member_added").await;
    let bot_id = joined["user_id"].as_str().unwrap().to_owned();

    let url = format!("/hooks/{token}");
    let posted = s
        .post(
            &url,
            None,
            json!({"body": "build #7 passed ✅", "client_msg_id": "b7"}),
        )
        .await;
    assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.text);
    assert_eq!(posted.json["sender_id"], bot_id.as_str());
    let live = member_ws.next_of("message").await;
    assert_eq!(live["message"]["body"], "build #7 passed ✅");
    let again = s
        .post(
            &url,
            None,
            json!({"body": "build #7 passed ✅", "client_msg_id": "b7"}),
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "a retry answers the stored message"
    );
    assert_eq!(again.json["seq"], posted.json["seq"]);
    let plain = s.post(&url, None, json!({"body": "no client id"})).await;
    assert_eq!(plain.status, StatusCode::CREATED);
    let next = member_ws.next_of("message").await;
    assert_eq!(
        next["message"]["body"], "no client id",
        "the retry was not delivered again"
    );
    let bot = s
        .get(&format!("/api/v1/users?id={bot_id}"), &member.token)
        .await;
    assert_eq!(
        (
            bot.json[0]["bot"].as_bool(),
            bot.json[0]["display_name"].as_str()
        ),
        (Some(true), Some("CI builds"))
    );

    let listed = s.get(&hooks_of(&group), &owner.token).await;
    assert_eq!(listed.status, StatusCode::OK);
    let hooks = listed.json.as_array().unwrap();
    assert_eq!(hooks.len(), 1);
    assert_eq!(
        (hooks[0]["name"].as_str(), hooks[0]["bot_id"].as_str()),
        (Some("CI builds"), Some(bot_id.as_str()))
    );
    assert!(!listed.text.contains(&token), "never listed with its token");
    assert_eq!(
        s.get(&hooks_of(&group), &member.token).await.status,
        StatusCode::FORBIDDEN
    );

    // Stored hashed: the data directory holds the token's SHA-256, never the token.
    let files = std::fs::read(s.data_dir().join("meta").join("log.0")).unwrap();
    let text = String::from_utf8_lossy(&files);
    assert!(!text.contains(&token), "the raw token is on disk");
    use sha2::Digest;
    let hashed: String = sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(text.contains(&hashed));

    let id = hooks[0]["id"].as_str().unwrap();
    let path = format!("{}/{id}", hooks_of(&group));
    let member_delete = s
        .call(Method::DELETE, &path, Some(&member.token), None)
        .await;
    assert_eq!(member_delete.status, StatusCode::FORBIDDEN);
    let deleted = s
        .call(Method::DELETE, &path, Some(&owner.token), None)
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text);
    assert_eq!(
        member_ws.next_of("member_removed").await["user_id"],
        bot_id.as_str()
    );
    let gone = s.post(&url, None, json!({"body": "after delete"})).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "{}", gone.text);
    let again = s
        .call(Method::DELETE, &path, Some(&owner.token), None)
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(s
        .get(&hooks_of(&group), &owner.token)
        .await
        .json
        .as_array()
        .unwrap()
        .is_empty());
    let history = s
        .get(
            &format!("/api/v1/conversations/{group}/messages"),
            &member.token,
        )
        .await;
    let bodies: Vec<_> = history.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].clone())
        .collect();
    assert_eq!(
        bodies,
        [json!("build #7 passed ✅"), json!("no client id")],
        "its messages stay"
    );
}

#[tokio::test]
async fn a_webhook_is_rate_limited_like_any_sender_and_refuses_bad_input() {
    let s = Server::start_with(|c| c.chat.rate_limit_max = 3).await;
    let owner = s.user("owner").await;
    let group = s.group(&owner, "alerts", &[]).await;
    let made = s
        .post(
            &hooks_of(&group),
            Some(&owner.token),
            json!({"name": "Pager"}),
        )
        .await;
    let url = made.json["url"].as_str().unwrap().to_owned();
    for i in 0..3 {
        let r = s
            .post(&url, None, json!({"body": format!("alert {i}")}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let limited = s.post(&url, None, json!({"body": "one too many"})).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.text
    );
    assert!(limited.headers.get("retry-after").is_some());

    for (path, body) in [
        ("/hooks/nope", json!({"body": "x"})),
        (&*format!("/hooks/{}", "a".repeat(64)), json!({"body": "x"})),
    ] {
        let r = s.post(path, None, body).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.text);
    }
    let empty = s.post(&url, None, json!({"body": "   "})).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let req = http::Request::post(s.url(&url))
        .body(http_body_util::Full::new(bytes::Bytes::from(
            r#"{"body":"x"}"#,
        )))
        .unwrap();
    assert_eq!(
        s.raw(req).await.status,
        StatusCode::BAD_REQUEST,
        "a body must be JSON-typed"
    );
}
