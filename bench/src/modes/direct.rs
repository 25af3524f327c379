//! `direct --pairs P`: P pairs in direct conversations, each sender keeping 64 messages in
//! flight; acked messages per second and ack latency.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::SinkExt;
use serde_json::json;
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::Message;

use crate::client::{body_time, is_ack, send_frame};
use crate::report::{histogram, percentiles};

const WINDOW: usize = 64;

pub async fn run(addr: &str, run: &str, pairs: usize, secs: u64) -> Result<String, String> {
    let pairs = pairs.max(1);
    let users = crate::client::users(addr, run, pairs * 2).await?;
    let mut conversations = Vec::with_capacity(pairs);
    for p in 0..pairs {
        conversations.push(crate::client::direct(addr, &users[2 * p], &users[2 * p + 1]).await?);
    }
    let tokens: Vec<String> = users.iter().map(|u| u.token.clone()).collect();
    let sockets = super::open_all(addr, &tokens).await?;
    let epoch = Instant::now();
    let end = Instant::now() + Duration::from_secs(secs);
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let mut tasks = Vec::new();
    let mut sockets = sockets.into_iter();
    for (p, conversation) in conversations.into_iter().enumerate() {
        let sender = sockets.next().ok_or("too few sockets")?;
        let receiver = sockets.next().ok_or("too few sockets")?;
        let mut stop_r = stop.clone();
        // The receiver just drains, as a client would.
        tokio::spawn(async move {
            let (_k, mut s) = (receiver.sink, receiver.frames);
            loop {
                tokio::select! {
                    n = s.recv() => if n.is_none() { break },
                    _ = stop_r.changed() => break,
                }
            }
        });
        let mut stop_a = stop.clone();
        tasks.push(tokio::spawn(async move {
            let (mut sink, mut stream) = (sender.sink, sender.frames);
            let window = Arc::new(Semaphore::new(WINDOW));
            let freed = window.clone();
            let acks = tokio::spawn(async move {
                let mut h = histogram();
                loop {
                    let next = tokio::select! {
                        n = stream.recv() => n,
                        _ = stop_a.changed() => break,
                    };
                    match next {
                        Some(t) if is_ack(&t) => {
                            if let Some(at) = body_time(&t) {
                                let now = epoch.elapsed().as_micros() as u64;
                                let _ = h.record(now.saturating_sub(at).max(1));
                                freed.add_permits(1);
                            }
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
                h
            });
            let mut n = 0u64;
            while Instant::now() < end {
                let Ok(permit) = window.acquire().await else {
                    break;
                };
                permit.forget();
                n += 1;
                let frame = send_frame(&conversation, &format!("d{p}-{n}"), epoch, n);
                if sink.send(Message::Text(frame.into())).await.is_err() {
                    break;
                }
            }
            (acks, sink)
        }));
    }
    let mut handles = Vec::new();
    for t in tasks {
        handles.push(t.await.map_err(|e| e.to_string())?);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let _ = stop_tx.send(true);
    let mut all = histogram();
    for (acks, _sink) in handles {
        let _ = all.add(acks.await.map_err(|e| e.to_string())?);
    }
    let acked = all.len();
    Ok(json!({
        "mode": "direct", "pairs": pairs, "window": WINDOW, "secs": secs,
        "acked": acked, "acked_per_s": (acked as f64 / secs as f64).round(),
        "ack_latency": percentiles(&all),
        "tool_cpu_s": crate::proc::own_cpu_micros().map(|us| us as f64 / 1e6),
    })
    .to_string())
}
