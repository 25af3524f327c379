//! One bad client cannot hurt the others: a user flooding sends or typing notices is
//! rate limited while another member's messages go through at once, and the flooder's
//! socket stays open. (Connection limits and cross-origin upgrades are in `ws_protocol`;
//! half-open connections, which need their own process, in the binary's `half_open`.)

mod support;

use std::time::{Duration, Instant};

use serde_json::json;

use support::{frames, Server};

#[tokio::test]
async fn a_flooding_sender_is_rate_limited_while_others_are_unaffected() {
    let s = Server::start_with(|c| c.chat.rate_limit_max = 50).await;
    let (mallory, alice, bob) = (
        s.user("mallory").await,
        s.user("alice").await,
        s.user("bob").await,
    );
    let g = s.group(&alice, "victims", &[&mallory, &bob]).await;
    let mut m = s.ws(&mallory).await;
    let mut a = s.ws(&alice).await;
    let mut b = s.ws(&bob).await;

    // 500 sends without waiting: the first 50 are stored, the rest refused.
    for i in 0..500 {
        m.send(
            json!({"type": "send", "req": format!("f{i}"), "conversation_id": g,
                      "client_msg_id": format!("f{i}"), "body": "spam"}),
        )
        .await;
    }
    let (mut acked, mut limited) = (0, 0);
    while acked + limited < 500 {
        let f = m.next_of_any(&["ack", "error"]).await;
        match f["type"].as_str() {
            Some("ack") => acked += 1,
            _ => {
                assert_eq!(f["code"], "rate_limited", "{f}");
                assert!(
                    f["retry_after"]
                        .as_u64()
                        .is_some_and(|s| (1..=60).contains(&s)),
                    "{f}"
                );
                limited += 1;
            }
        }
    }
    assert_eq!((acked, limited), (50, 450));

    // Alice is not slowed down: her sends are acked and reach Bob at once.
    for i in 0..10 {
        let t = Instant::now();
        let ack = a
            .request(
                frames::send(&g, &format!("a{i}"), &format!("hello {i}")),
                &format!("a{i}"),
            )
            .await;
        assert_eq!(ack["type"], "ack", "{ack}");
        loop {
            let f = b.next_of("message").await;
            if f["message"]["body"] == format!("hello {i}") {
                break;
            }
        }
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    }
    // And the flooder is still connected, just refused.
    let pong = m.request(frames::ping(), "p").await;
    assert_eq!(pong["type"], "pong");
}

#[tokio::test]
async fn a_typing_flood_is_cut_off_and_not_relayed() {
    let s = Server::start().await;
    let (mallory, alice) = (s.user("mallory").await, s.user("alice").await);
    let dm = s.direct(&mallory, &alice).await;
    let mut m = s.ws(&mallory).await;
    let mut a = s.ws(&alice).await;
    for _ in 0..200 {
        m.send(frames::typing(&dm)).await;
    }
    let mut limited = 0;
    while limited < 190 {
        let f = m.next_of("error").await;
        assert_eq!(f["code"], "rate_limited", "{f}");
        limited += 1;
    }
    // Alice got the 10 allowed, and no more.
    let mut relayed = 0;
    while let Ok(f) = tokio::time::timeout(Duration::from_millis(500), a.next_of("typing")).await {
        assert_eq!(f["user_id"], mallory.id.as_str());
        relayed += 1;
    }
    assert_eq!(relayed, 10);
    let pong = m.request(frames::ping(), "p").await;
    assert_eq!(pong["type"], "pong");
}

/// One IPv6 host can use any address of its /64: the per-address limit counts the
/// prefix, so rotating through it buys nothing, while another prefix is unaffected.
#[tokio::test]
async fn logins_from_one_ipv6_64_share_one_allowance() {
    use http::{Request, StatusCode};
    let s =
        Server::start_with(|c| c.chat.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let login = |from: String, i: usize| {
        let body = json!({"username": format!("guess{i}"), "password": "wrong-password"});
        let req = Request::post(s.url("/api/v1/sessions"))
            .header("content-type", "application/json")
            .header("x-forwarded-for", from)
            .body(http_body_util::Full::new(bytes::Bytes::from(
                body.to_string(),
            )))
            .unwrap();
        s.raw(req)
    };
    for i in 0..20 {
        let r = login(format!("2001:db8:7:7::{:x}", i + 1), i).await;
        assert_eq!(
            r.status,
            StatusCode::UNAUTHORIZED,
            "attempt {i}: {}",
            r.text
        );
    }
    let r = login("2001:db8:7:7:ffff:ffff:ffff:fff0".into(), 20).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    let r = login("2001:db8:7:8::1".into(), 21).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "another /64: {}",
        r.text
    );
}
