//! A client that stops reading is disconnected, and never slows the sender or the others.

mod support;

use std::time::Duration;

use futures_util::StreamExt;
use tokio::net::TcpSocket;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use support::*;

const MESSAGES: usize = 3000;

/// A socket with a tiny receive buffer that the test leaves unread after the handshake.
async fn stalled_socket(
    s: &Server,
    user: &User,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let tcp = socket.connect(s.addr).await.unwrap();
    let mut req = format!("ws://{}/ws", s.addr).into_client_request().unwrap();
    req.headers_mut().insert(
        "authorization",
        format!("Bearer {}", user.token).parse().unwrap(),
    );
    let stream = tokio_tungstenite::MaybeTlsStream::Plain(tcp);
    tokio_tungstenite::client_async(req, stream)
        .await
        .unwrap()
        .0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_evicted_while_others_keep_receiving() {
    let s = Server::start_with(|c| c.chat.rate_limit_max = 1_000_000).await;
    let (alice, bob, slow) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("slow").await,
    );
    let g = s.group(&alice, "firehose", &[&bob, &slow]).await;

    // The stalled client: a tiny receive buffer, and it never reads after the handshake.
    let mut stalled = stalled_socket(&s, &slow).await;

    let mut b = s.ws(&bob).await;
    let reader = tokio::spawn(async move {
        let mut seqs = Vec::with_capacity(MESSAGES);
        while seqs.len() < MESSAGES {
            let f = b.next().await;
            if f["type"] == "message" {
                seqs.push(f["message"]["seq"].as_u64().unwrap());
            }
        }
        seqs
    });

    let mut a = s.ws(&alice).await;
    let body = "满".repeat(1500); // ~4.5 KB per frame: the stalled socket's buffers fill fast
    for i in 0..MESSAGES {
        let ack = a
            .request(frames::send(&g, &format!("m{i}"), &body), "s")
            .await;
        assert_eq!(ack["type"], "ack", "{ack}");
    }

    let seqs = tokio::time::timeout(Duration::from_secs(30), reader)
        .await
        .expect("bob keeps up")
        .unwrap();
    assert_eq!(
        seqs,
        (1..=MESSAGES as u64).collect::<Vec<_>>(),
        "bob got every message, in order"
    );
    assert_eq!(s.metric("chat_slow_consumers_total").await, 1.0);

    // The stalled client finds its connection ended once it reads again: whatever was
    // buffered, then a close (1013) or the end of the stream.
    let mut received = 0usize;
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(frame) = stalled.next().await {
            match frame {
                Ok(Message::Text(_)) => received += 1,
                Ok(Message::Close(Some(f))) => return Some(u16::from(f.code)),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    })
    .await
    .expect("the server ended the stalled connection");
    assert!(
        ended.is_none() || ended == Some(1013),
        "closed with {ended:?}"
    );
    assert!(
        received < MESSAGES,
        "the stalled client was cut off, not fed everything"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_typing_frames_is_dropped_for_a_full_queue_without_closing_it() {
    // Typing is rate limited per user; lifted here so the flood reaches the queue.
    let s = Server::start_with(|c| c.chat.typing_rate_limit_max = 1_000_000).await;
    let (alice, bob, slow) = (
        s.user("alice").await,
        s.user("bob").await,
        s.user("slow").await,
    );
    let g = s.group(&alice, "chatty", &[&bob, &slow]).await;
    let mut stalled = stalled_socket(&s, &slow).await;

    // Far more typing frames than the socket's buffers and its 256-frame queue hold.
    let mut b = s.ws(&bob).await;
    for _ in 0..100_000 {
        b.send(frames::typing(&g)).await;
    }
    assert_eq!(b.request(frames::ping(), "p").await["type"], "pong");
    assert!(s.metric("chat_dropped_events_total").await > 0.0);
    assert_eq!(s.metric("chat_slow_consumers_total").await, 0.0);

    // The connection is still there: once it reads again, it drains what was queued,
    // and then a message reaches it.
    let frames = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = frames.clone();
    let reading = tokio::spawn(async move {
        while let Some(Ok(frame)) = stalled.next().await {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if let Message::Text(t) = frame {
                if t.contains("still there?") {
                    return true;
                }
            }
        }
        false
    });
    let mut seen = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = frames.load(std::sync::atomic::Ordering::Relaxed);
        if now > 0 && now == seen {
            break; // drained: nothing more came for 300 ms
        }
        seen = now;
    }
    let mut a = s.ws(&alice).await;
    let ack = a.request(frames::send(&g, "m1", "still there?"), "s").await;
    assert_eq!(ack["type"], "ack");
    let got = tokio::time::timeout(Duration::from_secs(20), reading)
        .await
        .expect("the message arrives")
        .unwrap();
    assert!(got, "the socket stayed open and got the message");
    assert_eq!(s.metric("chat_slow_consumers_total").await, 0.0);
}
