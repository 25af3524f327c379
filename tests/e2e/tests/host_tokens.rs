//! Host-issued tokens (JWTs) through the whole server, with real keys: every accept and
//! refuse case, over HTTP, the WebSocket upgrade and the auth frame.

mod support;

use std::path::PathBuf;
use std::time::Duration;

use http::{Method, StatusCode};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use support::*;

const SECRET: &str = "the host's shared secret, 32 bytes+";
const RS_KEY: &str = include_str!("../../../adapters/jwt/testdata/rs256.key");
const ES_KEY: &str = include_str!("../../../adapters/jwt/testdata/es256.key");

fn key_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../adapters/jwt/testdata/{name}"))
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Claims for host user `sub`, valid for an hour, with `extra` merged in.
fn claims(sub: &str, extra: Value) -> Value {
    let mut c = json!({"sub": sub, "exp": now() + 3600, "iat": now()});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn hs(claims: &Value) -> String {
    encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap()
}

fn rs(claims: &Value) -> String {
    let key = EncodingKey::from_rsa_pem(RS_KEY.as_bytes()).unwrap();
    encode(&Header::new(Algorithm::RS256), claims, &key).unwrap()
}

async fn hs_server() -> Server {
    Server::start_with(|c| c.chat.host_tokens.jwt_hs256_secret = Some(SECRET.into())).await
}

/// The caller of `token`, as `GET /api/v1/me` answers.
async fn me(s: &Server, token: &str) -> support::Resp {
    s.get("/api/v1/me", token).await
}

fn as_user(me: &support::Resp, token: &str) -> User {
    User {
        id: me.json["id"].as_str().unwrap().to_owned(),
        token: token.to_owned(),
        name: me.json["username"].as_str().unwrap().to_owned(),
    }
}

#[tokio::test]
async fn a_host_token_makes_its_user_once_and_works_everywhere_a_session_does() {
    let s = hs_server().await;
    let first = hs(&claims(
        "42",
        json!({"preferred_username": "ana", "name": "Ana Ng"}),
    ));
    let r = me(&s, &first).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        (
            r.json["username"].as_str(),
            r.json["display_name"].as_str(),
            r.json["bot"].as_bool()
        ),
        (Some("ana"), Some("Ana Ng"), Some(false))
    );
    let ana = as_user(&r, &first);
    // A later token of the same subject: the same user, whatever it suggests now.
    let later = hs(&claims(
        "42",
        json!({"preferred_username": "other", "jti": "2"}),
    ));
    assert_eq!(me(&s, &later).await.json["id"], ana.id.as_str());
    // Another subject suggesting a taken name gets a generated one.
    let taken = hs(&claims("43", json!({"preferred_username": "ANA"})));
    let r = me(&s, &taken).await;
    let name = r.json["username"].as_str().unwrap().to_owned();
    assert!(name.starts_with("user-"), "{name}");
    assert_ne!(r.json["id"], ana.id.as_str());
    let bob = as_user(&r, &taken);

    // It chats like anyone: a direct conversation, a message, a socket by header and by
    // auth frame.
    let dm = s.direct(&ana, &bob).await;
    let mut bob_ws = s.ws(&bob).await;
    let mut framed = s.ws_without_token().await;
    framed.send(frames::auth(&ana.token)).await;
    assert_eq!(framed.next().await["user_id"], ana.id.as_str());
    let sent = s
        .post(
            &format!("/api/v1/conversations/{dm}/messages"),
            Some(&ana.token),
            json!({"client_msg_id": "m1", "body": "from the host app"}),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    assert_eq!(
        bob_ws.next_of("message").await["message"]["body"],
        "from the host app"
    );

    // Not a stored session: it ends at its exp, not here.
    let out = s
        .call(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&ana.token),
            None,
        )
        .await;
    assert_eq!(out.status, StatusCode::BAD_REQUEST, "{}", out.text);
    // No password either.
    let login = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": "ana", "password": PW}),
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn racing_first_tokens_of_one_subject_make_one_user() {
    let s = hs_server().await;
    let tokens: Vec<_> = (0..8)
        .map(|i| {
            hs(&claims(
                "race",
                json!({"jti": i, "preferred_username": "racer"}),
            ))
        })
        .collect();
    let answers = futures_util::future::join_all(tokens.iter().map(|t| me(&s, t))).await;
    let ids: std::collections::HashSet<_> = answers
        .iter()
        .map(|r| r.json["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
}

/// The 401 for `token`, whose message must contain `says`.
async fn refused(s: &Server, token: &str, says: &str) {
    let r = me(s, token).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{says}: {}", r.text);
    assert_eq!(r.json["error"]["code"], "unauthorized");
    let message = r.json["error"]["message"].as_str().unwrap();
    assert!(message.contains(says), "{message:?} should say {says:?}");
    // The WebSocket upgrade and the auth frame refuse it alike.
    let bearer = [("authorization", format!("Bearer {token}"))];
    assert_eq!(s.ws_refused("", &bearer).await, StatusCode::UNAUTHORIZED);
    let mut ws = s.ws_without_token().await;
    ws.send(frames::auth(token)).await;
    assert_eq!(ws.next().await["code"], "unauthorized");
}

#[tokio::test]
async fn each_bad_token_is_refused_with_a_message_that_names_why() {
    let s = Server::start_with(|c| {
        let t = &mut c.chat.host_tokens;
        t.jwt_hs256_secret = Some(SECRET.into());
        t.jwt_issuer = Some("https://id.example".into());
        t.jwt_audience = Some("chat".into());
    })
    .await;
    let good = json!({"iss": "https://id.example", "aud": "chat"});
    let ok = hs(&claims("7", good.clone()));
    assert_eq!(me(&s, &ok).await.status, StatusCode::OK);

    let with = |extra: Value| {
        let mut c = claims("7", good.clone());
        for (k, v) in extra.as_object().unwrap() {
            c[k] = v.clone();
        }
        c
    };
    refused(&s, &hs(&with(json!({"exp": now() - 10}))), "expired").await;
    refused(&s, &hs(&with(json!({"nbf": now() + 600}))), "not yet valid").await;
    refused(
        &s,
        &hs(&with(json!({"iss": "https://evil.example"}))),
        "issuer",
    )
    .await;
    refused(&s, &hs(&with(json!({"aud": "billing"}))), "audience").await;
    let other = EncodingKey::from_secret(b"not the host's secret");
    let forged = encode(&Header::new(Algorithm::HS256), &with(json!({})), &other).unwrap();
    refused(&s, &forged, "signature").await;
    use base64::Engine;
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none"})),
        b64(&with(json!({})))
    );
    refused(&s, &none, "algorithm none").await;
    let mut no_sub = with(json!({}));
    no_sub.as_object_mut().unwrap().remove("sub");
    refused(&s, &hs(&no_sub), "sub").await;
    refused(&s, &hs(&with(json!({"sub": "x".repeat(129)}))), "sub").await;

    // A server without a host key refuses host tokens outright.
    let plain = Server::start().await;
    refused(&plain, &ok, "not accepted").await;
}

#[tokio::test]
async fn rs256_and_es256_keys_accept_their_own_tokens_and_refuse_alg_confusion() {
    let rs_server = Server::start_with(|c| {
        c.chat.host_tokens.jwt_public_key_file = Some(key_file("rs256.pub"));
    })
    .await;
    let r = me(&rs_server, &rs(&claims("r1", json!({})))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // The public key, which anyone may hold, used as an HS256 secret.
    let public = std::fs::read(key_file("rs256.pub")).unwrap();
    let confused = encode(
        &Header::new(Algorithm::HS256),
        &claims("r1", json!({})),
        &EncodingKey::from_secret(&public),
    )
    .unwrap();
    refused(&rs_server, &confused, "HS256 is not accepted").await;
    let es_key = EncodingKey::from_ec_pem(ES_KEY.as_bytes()).unwrap();
    let es_token = encode(
        &Header::new(Algorithm::ES256),
        &claims("e1", json!({})),
        &es_key,
    )
    .unwrap();
    refused(&rs_server, &es_token, "ES256 is not accepted").await;

    let es_server = Server::start_with(|c| {
        c.chat.host_tokens.jwt_public_key_file = Some(key_file("es256.pub"));
    })
    .await;
    let r = me(&es_server, &es_token).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    refused(
        &es_server,
        &rs(&claims("e1", json!({}))),
        "RS256 is not accepted",
    )
    .await;
}

#[tokio::test]
async fn a_ban_applies_to_a_host_user_and_a_socket_closes_at_the_tokens_exp() {
    let s = hs_server().await;
    let admin = s.admin("root").await;
    let short = hs(&claims("9", json!({"exp": now() + 2})));
    let nine = as_user(&me(&s, &short).await, &short);
    let mut ws = s.ws(&nine).await;
    assert_eq!(ws.request(frames::ping(), "p").await["type"], "pong");
    let closed = tokio::time::timeout(Duration::from_secs(5), ws.closed()).await;
    assert_eq!(closed.unwrap().map(|f| u16::from(f.code)), Some(1008));
    refused(&s, &short, "expired").await;

    let fresh = hs(&claims("9", json!({})));
    assert_eq!(me(&s, &fresh).await.json["id"], nine.id.as_str());
    let path = format!("/api/v1/admin/users/{}/ban", nine.id);
    let ban = s.post(&path, Some(&admin.token), json!({})).await;
    assert_eq!(ban.status, StatusCode::OK, "{}", ban.text);
    refused(&s, &fresh, "banned").await;
}
