//! Every WebSocket row of protocol v1 with real tokio-tungstenite clients.

mod support;

use std::time::Duration;

use futures_util::SinkExt;
use serde_json::json;
use support::*;

const QUIET: Duration = Duration::from_millis(300);

#[tokio::test]
async fn a_send_is_acked_to_the_sender_and_delivered_to_every_other_connection_once() {
    let s = Server::start().await;
    let (alice, bob, carol) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("carol").await,
    );
    let g = s.group(&alice, "g", &[&bob, &carol]).await;
    let mut a_phone = s.ws(&alice).await;
    let mut a_laptop = s.ws(&alice).await;
    let mut b = s.ws(&bob).await;
    let mut c = s.ws(&carol).await;

    let send = frames::send(&g, "m-1", "早上好 ☀️");
    let ack = a_phone.request(send.clone(), "r1").await;
    assert_eq!(ack["type"], "ack");
    assert_eq!(
        (
            ack["message"]["seq"].as_u64(),
            ack["message"]["body"].as_str()
        ),
        (Some(1), Some("早上好 ☀️"))
    );
    for ws in [&mut a_laptop, &mut b, &mut c] {
        let m = ws.next_of("message").await;
        assert_eq!(m["message"], ack["message"]);
    }

    // The same client_msg_id again: the stored message comes back, nobody gets it twice.
    let again = a_phone.request(send, "r2").await;
    assert_eq!(
        (again["type"].as_str(), &again["message"]),
        (Some("ack"), &ack["message"])
    );
    for ws in [&mut a_phone, &mut a_laptop, &mut b, &mut c] {
        ws.silent_for(QUIET, &["presence"]).await;
    }
}

#[tokio::test]
async fn read_typing_history_and_ping_answer_as_documented() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let dm = s.direct(&alice, &bob).await;
    let mut a = s.ws(&alice).await;
    let mut b = s.ws(&bob).await;
    for i in 1..=5 {
        a.request(frames::send(&dm, &format!("c{i}"), &format!("m{i}")), "s")
            .await;
        b.next_of("message").await;
    }

    let ok = b.request(frames::read(&dm, 4), "read-1").await;
    assert_eq!(ok, json!({"type": "ok", "req": "read-1"}));
    for ws in [&mut a, &mut b] {
        let r = ws.next_of("receipt").await;
        assert_eq!(
            r,
            json!({"type": "receipt", "conversation_id": dm, "user_id": bob.id, "seq": 4})
        );
    }

    b.send(frames::typing(&dm)).await;
    let t = a.next_of("typing").await;
    assert_eq!(
        t,
        json!({"type": "typing", "conversation_id": dm, "user_id": bob.id})
    );
    b.silent_for(QUIET, &[]).await; // the typist hears nothing back

    let h = a
        .request(frames::history(&dm, Some(5), None, Some(2)), "h")
        .await;
    assert_eq!(
        (h["type"].as_str(), h["conversation_id"].as_str()),
        (Some("history"), Some(dm.as_str()))
    );
    let seqs: Vec<_> = h["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, [3, 4]);

    assert_eq!(
        a.request(frames::ping(), "p").await,
        json!({"type": "pong", "req": "p"})
    );
}

#[tokio::test]
async fn bad_frames_get_error_frames_and_the_connection_stays_open() {
    let s = Server::start().await;
    let (alice, bob, eve) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("eve").await,
    );
    let dm = s.direct(&alice, &bob).await;
    let mut e = s.ws(&eve).await;

    e.send(json!("not an object")).await;
    let f = e.next().await;
    assert_eq!(
        (f["type"].as_str(), f["code"].as_str()),
        (Some("error"), Some("bad_request"))
    );
    e.stream
        .send(tokio_tungstenite::tungstenite::Message::Text(
            "{oops".into(),
        ))
        .await
        .unwrap();
    assert_eq!(e.next().await["code"], "bad_request");

    let cases = [
        (json!({"type": "teleport"}), "bad_request"),
        (
            json!({"type": "send", "conversation_id": dm, "body": "x"}),
            "bad_request",
        ),
        (
            json!({"type": "read", "conversation_id": "not-a-uuid", "seq": 1}),
            "bad_request",
        ),
        (
            json!({"type": "read", "conversation_id": dm, "seq": -3}),
            "bad_request",
        ),
        (
            json!({"type": "send", "conversation_id": dm, "client_msg_id": "x", "body": "y".repeat(5001)}),
            "too_large",
        ),
        (
            json!({"type": "send", "conversation_id": dm, "client_msg_id": "x", "body": "let me in"}),
            "forbidden",
        ),
        (
            json!({"type": "history", "conversation_id": dm}),
            "forbidden",
        ),
        (
            json!({"type": "typing", "conversation_id": dm}),
            "forbidden",
        ),
    ];
    for (i, (frame, code)) in cases.into_iter().enumerate() {
        let req = format!("bad-{i}");
        let reply = e.request(frame.clone(), &req).await;
        assert_eq!(reply["type"], "error", "{frame}");
        assert_eq!(reply["code"], code, "{frame} -> {reply}");
        assert!(reply["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(
        e.request(frames::ping(), "still-here").await["type"],
        "pong"
    );
}

#[tokio::test]
async fn oversized_and_binary_frames_close_the_connection() {
    use tokio_tungstenite::tungstenite::Message;
    let s = Server::start().await;
    let alice = s.user("alice").await;

    let mut big = s.ws(&alice).await;
    let huge = format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(70 * 1024));
    big.stream.send(Message::Text(huge.into())).await.unwrap();
    assert_eq!(
        u16::from(big.closed().await.expect("close frame").code),
        1009
    );

    let mut bin = s.ws(&alice).await;
    bin.stream
        .send(Message::Binary(vec![1, 2, 3].into()))
        .await
        .unwrap();
    assert_eq!(
        u16::from(bin.closed().await.expect("close frame").code),
        1003
    );
}

#[tokio::test]
async fn presence_turns_online_at_the_first_device_and_offline_after_the_last() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    s.acquainted(&alice, &bob).await;
    let mut b = s.ws(&bob).await;

    let phone = s.ws(&alice).await;
    let on = b.next().await;
    assert_eq!(
        on,
        json!({"type": "presence", "user_id": alice.id, "status": "online"})
    );
    let laptop = s.ws(&alice).await;
    b.silent_for(QUIET, &[]).await; // the second device changes nothing
    drop(phone);
    b.silent_for(QUIET, &[]).await;
    drop(laptop);
    let off = b.next().await;
    assert_eq!(
        (off["type"].as_str(), off["status"].as_str()),
        (Some("presence"), Some("offline"))
    );
    assert!(off["last_seen"].is_string());
}

#[tokio::test]
async fn a_client_catches_up_with_history_after_reconnecting() {
    let s = Server::start().await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let dm = s.direct(&alice, &bob).await;
    let mut a = s.ws(&alice).await;
    let mut b = s.ws(&bob).await;
    a.request(frames::send(&dm, "1", "one"), "x").await;
    let last_seen = b.next_of("message").await["message"]["seq"]
        .as_u64()
        .unwrap();
    drop(b);

    for i in 2..=4 {
        a.request(frames::send(&dm, &format!("{i}"), &format!("n{i}")), "x")
            .await;
    }
    let mut b = s.ws(&bob).await;
    let h = b
        .request(
            frames::history(&dm, None, Some(last_seen), None),
            "catch-up",
        )
        .await;
    let bodies: Vec<_> = h["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["n2", "n3", "n4"]);
}

#[tokio::test]
async fn logout_closes_the_socket_opened_with_that_token_only() {
    let s = Server::start().await;
    let alice = s.user("alice").await;
    let other = s.login("alice").await;
    let mut ws = s.ws(&alice).await;
    let mut keep = s.ws(&other).await;
    let r = s
        .call(
            http::Method::DELETE,
            "/api/v1/sessions/current",
            Some(&alice.token),
            None,
        )
        .await;
    assert_eq!(r.status, http::StatusCode::NO_CONTENT);
    assert_eq!(
        u16::from(ws.closed().await.expect("close frame").code),
        1008
    );
    assert_eq!(keep.request(frames::ping(), "p").await["type"], "pong");
    let refused = s
        .ws_refused("", &[("authorization", format!("Bearer {}", alice.token))])
        .await;
    assert_eq!(refused, http::StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_upgrade_needs_a_valid_token_an_allowed_origin_and_a_free_slot() {
    let s = Server::start_with(|c| {
        c.chat.allowed_origins = vec!["https://chat.example".into()];
        c.chat.max_connections_per_user = 2;
    })
    .await;
    let alice = s.user("alice").await;
    assert_eq!(
        s.ws_refused("?token=nope", &[]).await,
        http::StatusCode::UNAUTHORIZED
    );
    let cross = [("origin", "https://evil.example".to_owned())];
    assert_eq!(
        s.ws_refused(&format!("?token={}", alice.token), &cross)
            .await,
        http::StatusCode::FORBIDDEN
    );

    // The token in the query works too (browsers cannot set headers on an upgrade).
    let mut req = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
        format!("ws://{}/ws?token={}", s.addr, alice.token),
    )
    .unwrap();
    req.headers_mut()
        .insert("origin", "https://chat.example".parse().unwrap());
    let (_first, _) = tokio_tungstenite::connect_async(req)
        .await
        .expect("allowed origin connects");
    let _second = s.ws(&alice).await;
    let third = s
        .ws_refused("", &[("authorization", format!("Bearer {}", alice.token))])
        .await;
    assert_eq!(third, http::StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn with_no_origins_configured_only_the_servers_own_scheme_host_and_port_may_connect() {
    let s =
        Server::start_with(|c| c.chat.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let alice = s.user("alice").await;
    let query = format!("?token={}", alice.token);
    let status = |origin: String, proto: Option<&str>| {
        let mut headers = vec![("origin", origin)];
        headers.extend(proto.map(|p| ("x-forwarded-proto", p.to_owned())));
        let (s, query) = (&s, &query);
        async move { s.ws_status(query, &headers).await }
    };
    let (addr, port) = (s.addr.to_string(), s.addr.port());
    for own in [format!("http://{addr}"), format!("https://{addr}")] {
        assert_eq!(
            status(own, None).await,
            http::StatusCode::SWITCHING_PROTOCOLS
        );
    }
    for other in [
        format!("x://{addr}"),
        format!("ws://{addr}"),
        format!("http://{addr}.evil.example"),
        format!("http://127.0.0.1:{}", port.wrapping_add(1)),
        format!("http://localhost:{port}"),
        format!("http://{addr}/page"),
    ] {
        assert_eq!(
            status(other.clone(), None).await,
            http::StatusCode::FORBIDDEN,
            "{other}"
        );
    }
    // Behind a trusted proxy that says the page came over https, http is another origin.
    let https = Some("https");
    assert_eq!(
        status(format!("https://{addr}"), https).await,
        http::StatusCode::SWITCHING_PROTOCOLS
    );
    assert_eq!(
        status(format!("http://{addr}"), https).await,
        http::StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn with_query_tokens_turned_off_a_token_in_the_url_is_refused_and_the_header_still_works() {
    let s = Server::start_with(|c| c.chat.allow_query_token = false).await;
    let alice = s.user("alice").await;
    let query = format!("?token={}", alice.token);
    assert_eq!(
        s.ws_status(&query, &[]).await,
        http::StatusCode::BAD_REQUEST
    );
    let bearer = [("authorization", format!("Bearer {}", alice.token))];
    assert_eq!(
        s.ws_status("", &bearer).await,
        http::StatusCode::SWITCHING_PROTOCOLS
    );
    let mut ws = s.ws_without_token().await;
    ws.send(frames::auth(&alice.token)).await;
    assert_eq!(ws.next().await["type"], "ready");
}

#[tokio::test]
async fn shutdown_closes_sockets_with_going_away() {
    let mut s = Server::start().await;
    let alice = s.user("alice").await;
    let mut ws = s.ws(&alice).await;
    s.shutdown().await;
    assert_eq!(
        u16::from(ws.closed().await.expect("close frame").code),
        1001
    );
}

#[tokio::test]
async fn a_peer_silent_for_two_ping_intervals_is_dropped() {
    let s = Server::start_with(|c| c.chat.ping_interval = Duration::from_millis(200)).await;
    let alice = s.user("alice").await;
    let mut silent = s.ws(&alice).await;
    let mut chatty = s.ws(&alice).await;
    // The silent client does not poll its socket, so it never answers pings.
    let started = std::time::Instant::now();
    for _ in 0..6 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(chatty.request(frames::ping(), "p").await["type"], "pong");
    }
    let frame = silent.closed().await.expect("a close frame");
    assert_eq!(u16::from(frame.code), 1001);
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(
        chatty.request(frames::ping(), "still").await["type"],
        "pong"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_upgrades_cannot_slip_past_the_connection_limit() {
    let s = Server::start_with(|c| c.chat.max_connections_per_user = 3).await;
    let alice = s.user("alice").await;
    let attempts: Vec<_> = (0..12)
        .map(|_| {
            let url = format!("ws://{}/ws?token={}", s.addr, alice.token);
            tokio::spawn(async move {
                tokio_tungstenite::connect_async(url)
                    .await
                    .map(|(ws, _)| ws)
            })
        })
        .collect();
    let mut open = Vec::new();
    let mut refused = 0;
    for a in attempts {
        match a.await.unwrap() {
            Ok(ws) => open.push(ws),
            Err(tokio_tungstenite::tungstenite::Error::Http(r)) => {
                assert_eq!(r.status(), http::StatusCode::TOO_MANY_REQUESTS);
                refused += 1;
            }
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert_eq!((open.len(), refused), (3, 9));
    // A slot frees when its connection closes.
    drop(open.pop());
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let url = format!("ws://{}/ws?token={}", s.addr, alice.token);
        if tokio_tungstenite::connect_async(url).await.is_ok() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the slot was never released"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_is_the_first_frame_even_while_events_pour_in() {
    let s = Server::start_with(|c| c.chat.auth_rate_limit_max = 1000).await;
    let mut users = Vec::new();
    for i in 0..30 {
        users.push(s.user(&format!("crowd{i}")).await);
    }
    let others: Vec<&User> = users[1..].iter().collect();
    s.group(&users[0], "crowd", &others).await;
    // Everyone connects at once: each socket's subscription sees the others come online
    // while it is being set up; `ws` asserts its first frame is `ready`.
    let s = &s;
    let opening: Vec<_> = users.iter().map(|u| s.ws(u)).collect();
    for ws in futures_util::future::join_all(opening).await {
        drop(ws);
    }
}

#[tokio::test]
async fn a_socket_opened_without_a_token_is_admitted_by_its_auth_frame_and_nothing_else() {
    let s = Server::start_with(|c| c.chat.max_connections_per_user = 1).await;
    let alice = s.user("alice").await;

    // Anything but an auth frame first: an error, then 1008.
    let mut ws = s.ws_without_token().await;
    ws.send(frames::ping()).await;
    let err = ws.next().await;
    assert_eq!(
        (err["type"].as_str(), err["code"].as_str()),
        (Some("error"), Some("unauthorized"))
    );
    assert_eq!(ws.closed().await.map(|f| u16::from(f.code)), Some(1008));

    // A wrong token in the auth frame: the same, with the frame's req echoed.
    let mut ws = s.ws_without_token().await;
    ws.send(json!({"type": "auth", "token": "nope", "req": "a1"}))
        .await;
    let err = ws.next().await;
    assert_eq!(
        (err["code"].as_str(), err["req"].as_str()),
        (Some("unauthorized"), Some("a1"))
    );
    assert_eq!(ws.closed().await.map(|f| u16::from(f.code)), Some(1008));

    // The right token: ready, and the socket works like any other.
    let mut ws = s.ws_without_token().await;
    ws.send(frames::auth(&alice.token)).await;
    let ready = ws.next().await;
    assert_eq!(
        (ready["type"].as_str(), ready["user_id"].as_str()),
        (Some("ready"), Some(alice.id.as_str()))
    );
    assert_eq!(ws.request(frames::ping(), "p").await["type"], "pong");

    // The connection limit holds for sockets admitted this way too: 1013.
    let mut second = s.ws_without_token().await;
    second.send(frames::auth(&alice.token)).await;
    assert_eq!(second.next().await["code"], "rate_limited");
    assert_eq!(second.closed().await.map(|f| u16::from(f.code)), Some(1013));
}
