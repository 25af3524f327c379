//! `thread --members M --sends N`: in a group of M, N plain sends then N replies in the
//! thread of the first message, one at a time over one socket; the ack latency
//! percentiles of each, so a reply's extra cost (counting it on its root and telling
//! the members) shows beside a plain send's.

use std::time::{Duration, Instant};

use futures_util::SinkExt;
use serde_json::{json, Value};

use chat_protocol::ws::{ClientFrame, ClientRequest};
use tokio_tungstenite::tungstenite::Message;

use crate::client::{is_ack, text_send};
use crate::report::{histogram, percentiles};

pub async fn run(addr: &str, run: &str, members: usize, sends: u64) -> Result<String, String> {
    let users = crate::client::users(addr, run, members.max(2)).await?;
    let conversation = crate::client::group(addr, &users[0], &users[1..]).await?;
    let id = conversation.parse().map_err(|e| format!("{e}"))?;
    let socket = crate::client::ws(addr, &users[0].token, None).await?;
    let mut conn = super::reading(socket);
    let one = |n: u64, root| text_send(id, format!("t{n}"), format!("message {n}"), root);
    let plain = timed(&mut conn, (1..=sends).map(|n| one(n, None))).await?;
    let replies = timed(&mut conn, (1..=sends).map(|n| one(sends + n, Some(1)))).await?;
    Ok(json!({
        "mode": "thread", "members": members, "sends": sends,
        "plain_ack": plain, "thread_reply_ack": replies,
    })
    .to_string())
}

/// Sends each request after the previous one's ack; the ack latencies.
pub(super) async fn timed(
    conn: &mut super::Conn,
    requests: impl Iterator<Item = ClientRequest>,
) -> Result<Value, String> {
    let mut h = histogram();
    for (i, request) in requests.enumerate() {
        let req = format!("q{i}");
        let frame = ClientFrame::new(Some(&req), request).encode();
        let asked = Instant::now();
        conn.sink
            .send(Message::Text(frame.into()))
            .await
            .map_err(|e| e.to_string())?;
        let marker = format!(r#""req":"{req}""#);
        loop {
            let f = tokio::time::timeout(Duration::from_secs(10), conn.frames.recv())
                .await
                .map_err(|_| format!("no ack for send {i}"))?
                .ok_or("the socket closed")?;
            if f.contains(&marker) {
                if !is_ack(&f) {
                    return Err(format!("send {i}: {f:.200}"));
                }
                break;
            }
        }
        let _ = h.record((asked.elapsed().as_micros() as u64).max(1));
    }
    Ok(percentiles(&h))
}
