//! `followed --threads N --calls C`: one member follows N threads, each with one reply
//! it has not read (it posts N messages; another member replies to each), then asks
//! `GET /api/v1/threads?unread=true` C times, one at a time: the latency percentiles,
//! each answer checked to hold a full page of unread threads, newest reply first.

use std::time::Instant;

use serde_json::{json, Value};

use chat_protocol::ws::{ClientFrame, ClientRequest};

use crate::client::{http, text_send};
use crate::report::{histogram, percentiles};

const WINDOW: usize = 64;
const LIMIT: u64 = 50;

pub async fn run(addr: &str, run: &str, threads: u64, calls: u64) -> Result<String, String> {
    let users = crate::client::users(addr, run, 2).await?;
    let conversation = crate::client::group(addr, &users[0], &users[1..]).await?;
    let id: uuid::Uuid = conversation.parse().map_err(|e| format!("{e}"))?;
    let send = |n: u64, root| text_send(id, format!("f{n}"), format!("message {n}"), root);
    let started = Instant::now();
    let frame =
        |request: ClientRequest, n: u64| ClientFrame::new(Some(&format!("s{n}")), request).encode();
    let roots = |n| frame(send(n, None), n);
    super::send_windowed(addr, &users[0].token, WINDOW, threads, roots).await?;
    let replies = |n| frame(send(threads + n, Some(n)), n);
    super::send_windowed(addr, &users[1].token, WINDOW, threads, replies).await?;
    let fill_s = started.elapsed().as_secs_f64();

    let path = format!("/api/v1/threads?unread=true&limit={LIMIT}");
    let mut h = histogram();
    for i in 0..calls {
        let asked = Instant::now();
        let (status, body) = http(addr, "GET", &path, Some(&users[0].token), Value::Null).await?;
        let _ = h.record((asked.elapsed().as_micros() as u64).max(1));
        check(status, &body, threads).map_err(|e| format!("call {i}: {e}"))?;
    }
    Ok(json!({
        "mode": "followed", "threads": threads, "calls": calls, "limit": LIMIT,
        "fill_s": (fill_s * 10.0).round() / 10.0,
        "list_latency": percentiles(&h),
        "tool_cpu_s": crate::proc::own_cpu_micros().map(|us| us as f64 / 1e6),
    })
    .to_string())
}

/// A full page of threads with one unread reply each, the newest root first (the
/// replies were posted in root order).
fn check(status: u16, body: &Value, threads: u64) -> Result<(), String> {
    if status != 200 {
        return Err(format!("status {status}: {body}"));
    }
    let listed = body["threads"].as_array().ok_or("no threads")?;
    let roots: Vec<u64> = listed
        .iter()
        .filter_map(|t| t["root"]["seq"].as_u64())
        .collect();
    let want: Vec<u64> = (1..=threads).rev().take(LIMIT as usize).collect();
    if roots != want || listed.iter().any(|t| t["unread"] != 1) {
        return Err(format!("listed roots {roots:?}"));
    }
    Ok(())
}
