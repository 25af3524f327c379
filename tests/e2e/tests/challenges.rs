//! Sign-up and login challenges, proof of work (`CHAT_SIGNUP_CHALLENGE=pow`): what is
//! refused, what passes, and when a login asks for one.

mod support;

use std::time::Duration;

use http::{Request, StatusCode};
use serde_json::{json, Value};

use chat_server::ChallengeMode;
use support::*;

async fn pow_server(ttl: Duration) -> Server {
    Server::start_with(|c| {
        c.chat.challenges.signup_challenge = ChallengeMode::Pow;
        // Low enough to solve quickly here; the default is 18.
        c.chat.challenges.challenge_difficulty = 10;
        c.chat.challenges.challenge_ttl = ttl;
        c.chat.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        // Room for the attempts a test makes on one name within a minute.
        c.chat.login_rate_limit_max = 50;
    })
    .await
}

/// A fresh challenge: its id, salt and difficulty.
async fn challenge(s: &Server) -> (String, String, u8) {
    let r = s
        .call(http::Method::GET, "/api/v1/challenge", None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let c = &r.json;
    assert_eq!(c["algorithm"], "sha256");
    let text = |k: &str| c[k].as_str().unwrap().to_owned();
    (
        text("id"),
        text("salt"),
        c["difficulty"].as_u64().unwrap() as u8,
    )
}

/// A fresh challenge, solved.
async fn solved(s: &Server) -> Value {
    let (id, salt, difficulty) = challenge(s).await;
    json!({"id": id, "nonce": chat_adapter_pow::solve(&salt, difficulty)})
}

/// A nonce that does not solve `salt` at `difficulty`.
fn unsolving(salt: &str, difficulty: u8) -> String {
    use sha2::{Digest, Sha256};
    (0u64..)
        .map(|n| n.to_string())
        .find(|n| {
            let hash = Sha256::digest(format!("{salt}{n}").as_bytes());
            chat_adapter_pow::leading_zero_bits(&hash) < difficulty
        })
        .unwrap()
}

/// A POST from `addr` (the server trusts this machine's X-Forwarded-For).
async fn post_from(s: &Server, addr: &str, path: &str, body: Value) -> Resp {
    let req = Request::post(s.url(path))
        .header("content-type", "application/json")
        .header("x-forwarded-for", addr)
        .body(http_body_util::Full::new(bytes::Bytes::from(
            body.to_string(),
        )))
        .unwrap();
    s.raw(req).await
}

async fn login(s: &Server, name: &str, pw: &str, from: u8, challenge: Option<Value>) -> Resp {
    let mut body = json!({"username": name, "password": pw});
    if let Some(c) = challenge {
        body["challenge"] = c;
    }
    post_from(s, &format!("10.3.1.{from}"), "/api/v1/sessions", body).await
}

fn sign_up(name: &str, challenge: Option<Value>) -> Value {
    let mut body = json!({"username": name, "password": PW});
    if let Some(c) = challenge {
        body["challenge"] = c;
    }
    body
}

fn assert_challenge_refused(r: &Resp, status: StatusCode, code: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    assert_eq!(r.json["error"]["code"], code, "{}", r.text);
    assert_eq!(r.json["error"]["challenge_required"], true, "{}", r.text);
}

#[tokio::test]
async fn a_sign_up_needs_a_solved_challenge_used_once() {
    let s = pow_server(Duration::from_secs(300)).await;
    let r = s
        .call(http::Method::GET, "/api/v1/challenge", None, None)
        .await;
    assert_eq!(r.json["difficulty"], 10);
    assert_eq!(r.json["salt"].as_str().unwrap().len(), 32);
    assert!(r.json["expires_at"].is_string());

    let none = post_from(&s, "10.1.0.1", "/api/v1/users", sign_up("ana", None)).await;
    assert_challenge_refused(&none, StatusCode::BAD_REQUEST, "bad_request");

    let (salt_id, salt, difficulty) = challenge(&s).await;
    let good = json!({"id": salt_id, "nonce": chat_adapter_pow::solve(&salt, difficulty)});
    let wrong = json!({"id": salt_id, "nonce": unsolving(&salt, difficulty)});
    let r = post_from(&s, "10.1.0.1", "/api/v1/users", sign_up("ana", Some(wrong))).await;
    assert_challenge_refused(&r, StatusCode::BAD_REQUEST, "bad_request");
    let forged = json!({"id": salt_id.replacen(".10.", ".1.", 1), "nonce": "0"});
    let r = post_from(
        &s,
        "10.1.0.1",
        "/api/v1/users",
        sign_up("bob", Some(forged)),
    )
    .await;
    assert_challenge_refused(&r, StatusCode::BAD_REQUEST, "bad_request");
    for malformed in [
        json!({"id": salt_id}),
        json!({"id": salt_id, "nonce": "12a"}),
        json!({"id": "x", "nonce": "1", "token": "t"}),
    ] {
        let r = post_from(
            &s,
            "10.1.0.1",
            "/api/v1/users",
            sign_up("bob", Some(malformed)),
        )
        .await;
        assert_challenge_refused(&r, StatusCode::BAD_REQUEST, "bad_request");
    }

    let r = post_from(
        &s,
        "10.1.0.1",
        "/api/v1/users",
        sign_up("bob", Some(good.clone())),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // The same answer again, from anywhere, for anyone.
    let r = post_from(&s, "10.1.0.2", "/api/v1/users", sign_up("cyd", Some(good))).await;
    assert_challenge_refused(&r, StatusCode::BAD_REQUEST, "bad_request");
    let r = post_from(
        &s,
        "10.1.0.2",
        "/api/v1/users",
        sign_up("cyd", Some(solved(&s).await)),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn an_expired_challenge_is_refused() {
    let s = pow_server(Duration::from_secs(1)).await;
    let late = solved(&s).await;
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let r = post_from(&s, "10.2.0.1", "/api/v1/users", sign_up("ana", Some(late))).await;
    assert_challenge_refused(&r, StatusCode::BAD_REQUEST, "bad_request");
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn a_login_asks_for_a_challenge_only_after_the_third_failure() {
    let s = pow_server(Duration::from_secs(300)).await;
    let r = post_from(
        &s,
        "10.3.0.1",
        "/api/v1/users",
        sign_up("ana", Some(solved(&s).await)),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // Right away, no challenge is asked for.
    assert_eq!(login(&s, "ana", PW, 1, None).await.status, StatusCode::OK);
    // An existing and an unknown name get the same answers, each from three addresses.
    for name in ["ana", "nobody"] {
        for (i, from) in [(1, 10), (2, 11), (3, 12)] {
            let r = login(&s, name, "wrong password", from, None).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{name} {i}: {}", r.text);
            let asks = r.json["error"]["challenge_required"] == true;
            assert_eq!(asks, i == 3, "{name} failure {i}: {}", r.text);
        }
        // Now even the right password needs a challenge, from a fresh address too.
        let r = login(&s, name, PW, 13, None).await;
        assert_challenge_refused(&r, StatusCode::UNAUTHORIZED, "unauthorized");
        let wrong = json!({"id": "v1.1.1.00.00", "nonce": "1"});
        let r = login(&s, name, PW, 13, Some(wrong)).await;
        assert_challenge_refused(&r, StatusCode::BAD_REQUEST, "bad_request");
    }
    let r = login(&s, "ana", PW, 13, Some(solved(&s).await)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = login(&s, "nobody", PW, 13, Some(solved(&s).await)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
}

#[tokio::test]
async fn three_failures_from_one_address_guard_every_name_from_it() {
    let s = pow_server(Duration::from_secs(300)).await;
    for name in ["guess1", "guess2", "guess3"] {
        let body = json!({"username": name, "password": "wrong password"});
        let r = post_from(&s, "10.4.0.1", "/api/v1/sessions", body).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    }
    let body = json!({"username": "guess4", "password": "wrong password"});
    let r = post_from(&s, "10.4.0.1", "/api/v1/sessions", body.clone()).await;
    assert_challenge_refused(&r, StatusCode::UNAUTHORIZED, "unauthorized");
    let r = post_from(&s, "10.4.0.2", "/api/v1/sessions", body).await;
    assert_eq!(
        r.json["error"]["challenge_required"],
        Value::Null,
        "{}",
        r.text
    );
}

#[tokio::test]
async fn with_challenges_off_there_is_none_to_get_and_none_is_needed() {
    let s = Server::start().await;
    let r = s
        .call(http::Method::GET, "/api/v1/challenge", None, None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
    s.user("ana").await;
}

#[tokio::test]
async fn admins_see_sign_ups_per_hour() {
    let s = pow_server(Duration::from_secs(300)).await;
    for name in ["ana", "bob"] {
        let r = post_from(
            &s,
            "10.5.0.1",
            "/api/v1/users",
            sign_up(name, Some(solved(&s).await)),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let admin = s.admin("root").await;
    let r = s.get("/api/v1/admin/stats", &admin.token).await;
    let hours = r.json["signups_per_hour"].as_array().unwrap();
    assert_eq!(hours.len(), 24, "{}", r.text);
    // The two sign-ups and the admin, in this hour (the last).
    assert_eq!(hours[23]["count"], 3, "{}", r.text);
    let total: u64 = hours.iter().map(|h| h["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 3);
}
