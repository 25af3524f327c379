//! `history --messages N --pages P`: one direct conversation filled with N messages
//! (sent over the socket, 256 in flight), then P pages of 50 at random points of it,
//! asked one at a time over a second user's socket; the page latency percentiles.

use std::time::{Duration, Instant};

use futures_util::SinkExt;
use serde_json::json;

use chat_protocol::ws::{ClientFrame, ClientRequest, ServerFrame};
use tokio_tungstenite::tungstenite::Message;

use crate::client::send_frame;
use crate::report::{histogram, percentiles};

const WINDOW: usize = 256;
const LIMIT: u64 = 50;

pub async fn run(addr: &str, run: &str, messages: u64, pages: u64) -> Result<String, String> {
    let messages = messages.max(LIMIT + 1);
    let users = crate::client::users(addr, run, 2).await?;
    let conversation = crate::client::direct(addr, &users[0], &users[1]).await?;

    // Fill it.
    let started = Instant::now();
    let epoch = Instant::now();
    let frame = |n| send_frame(&conversation, &format!("h{n}"), epoch, n);
    super::send_windowed(addr, &users[0].token, WINDOW, messages, frame).await?;
    let fill_s = started.elapsed().as_secs_f64();

    // Read it back at random points, one page at a time.
    let reader = crate::client::ws(addr, &users[1].token, None).await?;
    let super::Conn {
        mut sink,
        mut frames,
    } = super::reading(reader);
    let mut h = histogram();
    let mut rng = epoch.elapsed().as_nanos() as u64 | 1;
    for i in 0..pages {
        // xorshift64: the tool needs spread, not quality.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let before = LIMIT + 1 + rng % (messages - LIMIT + 1);
        let req = format!("p{i}");
        let page = ClientRequest::History {
            conversation_id: conversation.parse().map_err(|e| format!("{e}"))?,
            before_seq: Some(before),
            after_seq: None,
            limit: Some(LIMIT),
            thread_root: None,
            top_level: None,
        };
        let frame = ClientFrame::new(Some(&req), page).encode();
        let asked = Instant::now();
        sink.send(Message::Text(frame.into()))
            .await
            .map_err(|e| e.to_string())?;
        let marker = format!(r#""req":"{req}""#);
        let reply = loop {
            let f = tokio::time::timeout(Duration::from_secs(10), frames.recv())
                .await
                .map_err(|_| format!("no answer to page {i}"))?
                .ok_or("the reader's socket closed")?;
            if f.contains(&marker) {
                break f;
            }
        };
        let _ = h.record((asked.elapsed().as_micros() as u64).max(1));
        let Ok(ServerFrame::History { messages, .. }) = ServerFrame::decode(&reply) else {
            return Err(format!("not a page: {reply:.200}"));
        };
        let seqs: Vec<u64> = messages.iter().map(|m| m.seq).collect();
        let want: Vec<u64> = (before - LIMIT..before).collect();
        if seqs != want {
            return Err(format!("page before {before}: got seqs {seqs:?}"));
        }
    }
    Ok(json!({
        "mode": "history", "messages": messages, "pages": pages, "limit": LIMIT,
        "fill_s": (fill_s * 10.0).round() / 10.0,
        "fill_per_s": (messages as f64 / fill_s).round(),
        "page_latency": percentiles(&h),
        "tool_cpu_s": crate::proc::own_cpu_micros().map(|us| us as f64 / 1e6),
    })
    .to_string())
}
