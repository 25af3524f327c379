//! `burst`: one sender pushes N messages with 64 in flight to a group of M; measures the
//! time until every member has them all and the server's CPU per delivery.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::SinkExt;
use serde_json::json;
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::Message;

use crate::client::{body_time, is_ack, send_frame, sent_at};
use crate::proc::cpu_micros;

const WINDOW: usize = 64;

pub async fn run(
    addr: &str,
    pid: Option<u32>,
    run: &str,
    members: usize,
    messages: usize,
) -> Result<String, String> {
    let members = members.max(2);
    let users = crate::client::users(addr, run, members).await?;
    let group = crate::client::group(addr, &users[0], &users[1..]).await?;
    let tokens: Vec<String> = users.iter().map(|u| u.token.clone()).collect();
    let mut sockets = super::open_all(addr, &tokens).await?;
    let epoch = Instant::now();
    let window = Arc::new(Semaphore::new(WINDOW));
    let delivered = Arc::new(AtomicU64::new(0));
    let first = sockets.remove(0);
    let (sink, mut acks) = (first.sink, first.frames);
    // The sender's own socket: each ack frees a slot in the window.
    let freed = window.clone();
    let ack_reader = tokio::spawn(async move {
        let mut n = 0;
        while n < messages {
            match acks.recv().await {
                Some(t) if is_ack(&t) && body_time(&t).is_some() => {
                    n += 1;
                    freed.add_permits(1);
                }
                Some(_) => {}
                None => break,
            }
        }
        n
    });
    let mut readers = Vec::new();
    for conn in sockets {
        let delivered = delivered.clone();
        readers.push(tokio::spawn(async move {
            let (_sink, mut stream) = (conn.sink, conn.frames);
            let mut got = 0;
            while got < messages {
                match tokio::time::timeout(Duration::from_secs(30), stream.recv()).await {
                    Ok(Some(t)) if sent_at(&t).is_some() => {
                        got += 1;
                        delivered.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(Some(_)) => {}
                    _ => break,
                }
            }
            got
        }));
    }
    let cpu_before = pid.and_then(cpu_micros);
    let started = Instant::now();
    let mut sink = sink;
    for n in 0..messages as u64 {
        let permit = window.acquire().await.map_err(|e| e.to_string())?;
        permit.forget();
        let frame = send_frame(&group, &format!("b{n}"), epoch, n);
        sink.send(Message::Text(frame.into()))
            .await
            .map_err(|e| e.to_string())?;
    }
    let acked = ack_reader.await.map_err(|e| e.to_string())?;
    let mut complete = 0;
    for r in readers {
        if r.await.map_err(|e| e.to_string())? == messages {
            complete += 1;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_after = pid.and_then(cpu_micros);
    let deliveries = delivered.load(Ordering::Relaxed);
    let cpu = match (cpu_before, cpu_after) {
        (Some(b), Some(a)) => Some(a.saturating_sub(b)),
        _ => None,
    };
    Ok(json!({
        "mode": "burst", "members": members, "messages": messages, "window": WINDOW,
        "acked": acked, "members_complete": complete, "deliveries": deliveries,
        "seconds": elapsed, "deliveries_per_s": (deliveries as f64 / elapsed).round(),
        "server_cpu_us": cpu,
        "server_cpu_us_per_delivery": cpu.map(|c| c as f64 / deliveries.max(1) as f64),
        "tool_cpu_s": crate::proc::own_cpu_micros().map(|us| us as f64 / 1e6),
    })
    .to_string())
}
