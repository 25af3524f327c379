//! Sign-up challenges by a captcha provider (`CHAT_SIGNUP_CHALLENGE=siteverify`), against
//! a stand-in provider run here: it accepts the token "good-token", refuses others, and
//! never answers for "silent".

mod support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use chat_server::ChallengeMode;
use support::*;

/// The forms the provider was sent.
type Seen = Arc<Mutex<Vec<String>>>;

async fn provider(seen: Seen) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let mut n = 0;
                loop {
                    let read = s.read(&mut buf[n..]).await.unwrap_or(0);
                    n += read;
                    let text = String::from_utf8_lossy(&buf[..n]);
                    if read == 0 || text.contains("\r\n\r\n") && text.contains("response=") {
                        break;
                    }
                }
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                let form = text.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
                seen.lock().unwrap().push(form.clone());
                if form.contains("response=silent") {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                    return;
                }
                let ok = form.contains("response=good-token") && form.contains("secret=sv-secret");
                let body = if ok {
                    r#"{"success": true, "hostname": "chat.test"}"#
                } else {
                    r#"{"success": false, "error-codes": ["invalid-input-response"]}"#
                };
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = s.write_all(reply.as_bytes()).await;
            });
        }
    });
    addr
}

async fn server(provider: SocketAddr) -> Server {
    Server::start_with(|c| {
        let ch = &mut c.chat.challenges;
        ch.signup_challenge = ChallengeMode::Siteverify;
        ch.captcha_verify_url = Some(format!("http://{provider}/siteverify"));
        ch.captcha_secret = Some("sv-secret".into());
        ch.captcha_site_key = Some("site-key-1".into());
        ch.captcha_script_url = Some("https://captcha.example/api.js?render=explicit".into());
        ch.captcha_timeout = Duration::from_millis(700);
        c.chat.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await
}

async fn sign_up(s: &Server, name: &str, token: Option<&str>) -> Resp {
    let mut body = json!({"username": name, "password": PW});
    if let Some(t) = token {
        body["challenge"] = json!({"token": t});
    }
    let req = http::Request::post(s.url("/api/v1/users"))
        .header("content-type", "application/json")
        .header("x-forwarded-for", "198.51.100.7")
        .body(http_body_util::Full::new(bytes::Bytes::from(
            body.to_string(),
        )))
        .unwrap();
    s.raw(req).await
}

#[tokio::test]
async fn the_provider_decides_each_sign_up_and_silence_refuses_it() {
    let seen = Seen::default();
    let s = server(provider(seen.clone()).await).await;

    let r = s
        .call(http::Method::GET, "/api/v1/challenge", None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json["algorithm"], "siteverify");
    assert_eq!(r.json["site_key"], "site-key-1");
    assert_eq!(
        r.json["script_url"],
        "https://captcha.example/api.js?render=explicit"
    );

    let r = sign_up(&s, "ana", Some("good-token")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let form = seen.lock().unwrap()[0].clone();
    for part in [
        "secret=sv-secret",
        "response=good-token",
        "remoteip=198.51.100.7",
    ] {
        assert!(form.contains(part), "{form}");
    }

    for refused in [None, Some("bad-token")] {
        let r = sign_up(&s, "bob", refused).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{refused:?}: {}", r.text);
        assert_eq!(r.json["error"]["challenge_required"], true, "{}", r.text);
    }
    // A proof-of-work answer is not what this server asks for.
    let body = json!({"username": "bob", "password": PW, "challenge": {"id": "x", "nonce": "1"}});
    let r = s.post("/api/v1/users", None, body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);

    let started = std::time::Instant::now();
    let r = sign_up(&s, "bob", Some("silent")).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text);
    assert_eq!(r.json["error"]["code"], "unavailable");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // Nothing was created by the refused ones.
    let r = sign_up(&s, "bob", Some("good-token")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn a_provider_that_is_down_refuses_sign_ups_as_unavailable() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gone = listener.local_addr().unwrap();
    drop(listener);
    let s = server(gone).await;
    let r = sign_up(&s, "ana", Some("good-token")).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text);
}

/// The policy the chat page is served with (a page, not an API call: no OpenAPI check).
async fn csp(s: &Server) -> String {
    let mut tcp = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    tcp.write_all(b"GET / HTTP/1.1\r\nhost: chat.test\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).await.unwrap();
    answer
        .lines()
        .find_map(|l| l.strip_prefix("content-security-policy: "))
        .unwrap_or_else(|| panic!("no policy in {answer}"))
        .to_owned()
}

#[tokio::test]
async fn the_pages_allow_the_widget_origin_in_this_mode_only() {
    let s = server(provider(Seen::default()).await).await;
    let with = csp(&s).await;
    assert!(
        with.contains("script-src 'self' https://captcha.example;"),
        "{with}"
    );
    assert!(
        with.contains("frame-src https://captcha.example;"),
        "{with}"
    );
    let plain = Server::start().await;
    assert!(!csp(&plain).await.contains("captcha.example"));
}
