use http::Method;

use chat_protocol::objects::{MessageKind, PresenceStatus};
use chat_protocol::ws::{ClientRequest, ServerFrame};
use chat_protocol::ErrorCode;

use crate::world::{direct, group, say, user};
use crate::Target;

fn send(conversation_id: uuid::Uuid, client_msg_id: &str, body: &str) -> ClientRequest {
    ClientRequest::Send {
        conversation_id,
        client_msg_id: client_msg_id.into(),
        kind: MessageKind::Text,
        body: body.into(),
        reply_to: None,
        thread_root: None,
        forward: None,
        mentions: Vec::new(),
    }
}

/// A send over a socket is acked to the sender and delivered to the other member's
/// socket, whichever way each socket authenticated; a retry is acked again, unchanged.
pub async fn it_should_ack_and_deliver_over_websockets(t: &Target) {
    let (alice, bob) = (user(t, "alice").await, user(t, "bob").await);
    let dm = direct(t, &alice, &bob).await;
    let (mut a, ready) = t.socket(&alice.token).await;
    assert!(
        matches!(ready, ServerFrame::Ready { user_id, .. } if user_id == alice.id),
        "{ready:?}"
    );
    let (mut b, ready) = t.socket_by_frame(&bob.token).await;
    assert!(
        matches!(ready, ServerFrame::Ready { user_id, .. } if user_id == bob.id),
        "{ready:?}"
    );

    let ack = a.request(send(dm, "w-1", "早上好 ☀️"), "r1").await;
    let ServerFrame::Ack { message, .. } = ack else {
        panic!("{ack:?}")
    };
    assert_eq!(
        (message.seq, message.body.as_deref()),
        (1, Some("早上好 ☀️"))
    );
    let got = b
        .next_where(|f| matches!(f, ServerFrame::Message { .. }))
        .await;
    assert_eq!(
        got,
        ServerFrame::Message {
            message: message.clone()
        }
    );
    let again = a.request(send(dm, "w-1", "早上好 ☀️"), "r2").await;
    assert_eq!(
        again,
        ServerFrame::Ack {
            req: Some("r2".into()),
            message
        }
    );
}

/// Read receipts, typing, history, changes and pings, each as documented.
pub async fn it_should_relay_receipts_typing_and_answer_pings(t: &Target) {
    let (alice, bob) = (user(t, "alice").await, user(t, "bob").await);
    let g = group(t, &alice, "frames", &[&bob]).await;
    let (mut a, _) = t.socket(&alice.token).await;
    let (mut b, _) = t.socket(&bob.token).await;
    for i in 1..=3 {
        a.request(send(g, &format!("f-{i}"), &format!("#{i}")), "s")
            .await;
    }
    let ok = b
        .request(
            ClientRequest::Read {
                conversation_id: g,
                seq: 2,
            },
            "read",
        )
        .await;
    assert_eq!(
        ok,
        ServerFrame::Ok {
            req: Some("read".into())
        }
    );
    let receipt = a
        .next_where(|f| matches!(f, ServerFrame::Receipt { .. }))
        .await;
    assert_eq!(
        receipt,
        ServerFrame::Receipt {
            conversation_id: g,
            user_id: bob.id,
            seq: 2
        }
    );
    b.send(None, ClientRequest::Typing { conversation_id: g })
        .await;
    let typing = a
        .next_where(|f| matches!(f, ServerFrame::Typing { .. }))
        .await;
    assert_eq!(
        typing,
        ServerFrame::Typing {
            conversation_id: g,
            user_id: bob.id
        }
    );
    let history = ClientRequest::History {
        conversation_id: g,
        before_seq: None,
        after_seq: Some(1),
        limit: Some(5),
        thread_root: None,
        top_level: None,
    };
    let ServerFrame::History { messages, .. } = b.request(history, "h").await else {
        panic!("history")
    };
    assert_eq!(messages.iter().map(|m| m.seq).collect::<Vec<_>>(), [2, 3]);
    let changes = ClientRequest::Changes {
        conversation_id: g,
        after_version: 0,
        limit: None,
    };
    let ServerFrame::Changes { messages, .. } = b.request(changes, "c").await else {
        panic!("changes")
    };
    assert!(messages.is_empty());
    assert_eq!(
        b.request(ClientRequest::Ping, "p").await,
        ServerFrame::Pong {
            req: Some("p".into())
        }
    );
}

/// A bad frame gets an error frame naming it, with its `req`, and the socket stays
/// open; a socket of a session that ends is closed with 1008.
pub async fn it_should_answer_bad_frames_and_close_ended_sessions(t: &Target) {
    let alice = user(t, "alice").await;
    let (mut a, _) = t.socket(&alice.token).await;
    a.send_text(r#"{"type":"send","req":"bad-1","body":5}"#.into())
        .await;
    let err = a.next().await;
    assert!(
        matches!(&err, ServerFrame::Error { req: Some(r), code: ErrorCode::BadRequest, .. } if r == "bad-1"),
        "{err:?}"
    );
    a.send_text(r#"{"type":"fly","req":"bad-2"}"#.into()).await;
    assert!(matches!(
        a.next().await,
        ServerFrame::Error {
            code: ErrorCode::BadRequest,
            ..
        }
    ));
    let stranger = ClientRequest::Read {
        conversation_id: uuid::Uuid::new_v4(),
        seq: 1,
    };
    let err = a.request(stranger, "bad-3").await;
    assert!(
        matches!(
            err,
            ServerFrame::Error {
                code: ErrorCode::Forbidden,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        a.request(ClientRequest::Ping, "p").await,
        ServerFrame::Pong {
            req: Some("p".into())
        }
    );

    t.call(
        Method::DELETE,
        "/api/v1/sessions/current",
        Some(&alice.token),
        None::<&()>,
    )
    .await
    .expect(204);
    assert_eq!(a.closed().await, Some(1008));
}

/// An upgrade with a bad token is refused with 401 before any socket opens; a socket
/// whose first frame is not an auth frame is closed with 1008.
pub async fn it_should_refuse_sockets_without_a_valid_session(t: &Target) {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = t.ws_url().into_client_request().unwrap();
    req.headers_mut()
        .insert("authorization", "Bearer nope".parse().unwrap());
    match tokio_tungstenite::connect_async(req).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 401),
        other => panic!("expected a 401, got {other:?}"),
    }
    let (stream, _) = tokio_tungstenite::connect_async(t.ws_url()).await.unwrap();
    let mut s = crate::socket::Socket::from_stream(stream);
    s.send(None, ClientRequest::Ping).await;
    assert!(matches!(
        s.next().await,
        ServerFrame::Error {
            code: ErrorCode::Unauthorized,
            ..
        }
    ));
    assert_eq!(s.closed().await, Some(1008));
}

/// Presence: a peer's socket makes them online to those who share a conversation in
/// which both have sent; opening a conversation with someone is not enough.
pub async fn it_should_report_presence(t: &Target) {
    let (alice, bob) = (user(t, "alice").await, user(t, "bob").await);
    let carol = user(t, "carol").await;
    let dm = direct(t, &alice, &bob).await;
    let stranger = direct(t, &alice, &carol).await;
    say(t, &alice, dm, "p1", "hi").await;
    say(t, &bob, dm, "p2", "hi").await;
    say(t, &alice, stranger, "p3", "who are you?").await;
    let path = format!("/api/v1/presence?user_id={}", carol.id);
    let hidden: Vec<chat_protocol::objects::Presence> =
        t.get(&path, &alice.token).await.expect(200).parse();
    assert!(hidden.is_empty(), "carol has not sent: {hidden:?}");
    let (mut a, _) = t.socket(&alice.token).await;
    let (b, _) = t.socket(&bob.token).await;
    let online = a
        .next_where(|f| matches!(f, ServerFrame::Presence { .. }))
        .await;
    assert!(
        matches!(online, ServerFrame::Presence { user_id, status: PresenceStatus::Online, .. } if user_id == bob.id)
    );
    let path = format!("/api/v1/presence?user_id={}", bob.id);
    let found: Vec<chat_protocol::objects::Presence> =
        t.get(&path, &alice.token).await.expect(200).parse();
    assert_eq!(found[0].status, PresenceStatus::Online);
    drop(b);
    let offline = a
        .next_where(|f| matches!(f, ServerFrame::Presence { .. }))
        .await;
    assert!(matches!(
        offline,
        ServerFrame::Presence {
            status: PresenceStatus::Offline,
            last_seen: Some(_),
            ..
        }
    ));
}
