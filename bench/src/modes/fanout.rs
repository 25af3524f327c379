//! `fanout`: one group of M members, S senders at R messages/s each, open loop.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

use crate::client::{body_time, is_ack, send_frame, sent_at};
use crate::report::{histogram, percentiles};

#[derive(Default)]
struct Counts {
    sent: AtomicU64,
    acked: AtomicU64,
    delivered: AtomicU64,
    errors: AtomicU64,
}

pub async fn run(
    addr: &str,
    run: &str,
    members: usize,
    senders: usize,
    rate: u64,
    secs: u64,
) -> Result<String, String> {
    let members = members.max(2);
    let senders = senders.clamp(1, members);
    let users = crate::client::users(addr, run, members).await?;
    let group = crate::client::group(addr, &users[0], &users[1..]).await?;
    let tokens: Vec<String> = users.iter().map(|u| u.token.clone()).collect();
    let sockets = super::open_all(addr, &tokens).await?;
    let epoch = Instant::now();
    let counts = Arc::new(Counts::default());
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let mut readers = Vec::new();
    let mut sinks = Vec::new();
    for conn in sockets {
        let (sink, mut stream) = (conn.sink, conn.frames);
        sinks.push(sink);
        let (counts, mut stop) = (counts.clone(), stop.clone());
        readers.push(tokio::spawn(async move {
            let mut h = histogram();
            loop {
                let next = tokio::select! {
                    n = stream.recv() => n,
                    _ = stop.changed() => break,
                };
                let Some(t) = next else { break };
                if let Some(at) = sent_at(&t) {
                    let now = epoch.elapsed().as_micros() as u64;
                    let _ = h.record(now.saturating_sub(at).max(1));
                    counts.delivered.fetch_add(1, Ordering::Relaxed);
                } else if is_ack(&t) && body_time(&t).is_some() {
                    counts.acked.fetch_add(1, Ordering::Relaxed);
                } else if t.contains(r#""type":"error""#) {
                    counts.errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            h
        }));
    }
    let started = Instant::now();
    let mut sending = Vec::new();
    for (s, mut sink) in sinks.drain(..senders).enumerate() {
        let (group, counts) = (group.clone(), counts.clone());
        sending.push(tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / rate.max(1)));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
            let end = Instant::now() + Duration::from_secs(secs);
            let mut n = 0;
            while Instant::now() < end {
                tick.tick().await;
                n += 1;
                let frame = send_frame(&group, &format!("s{s}-{n}"), epoch, n);
                if sink.send(Message::Text(frame.into())).await.is_err() {
                    break;
                }
                counts.sent.fetch_add(1, Ordering::Relaxed);
            }
            sink
        }));
    }
    let mut kept = Vec::new();
    for s in sending {
        kept.push(s.await.map_err(|e| e.to_string())?);
    }
    let sending_secs = started.elapsed().as_secs_f64();
    tokio::time::sleep(super::DRAIN).await;
    let _ = stop_tx.send(true);
    let mut all = histogram();
    for r in readers {
        let _ = all.add(r.await.map_err(|e| e.to_string())?);
    }
    drop((kept, sinks));
    let acked = counts.acked.load(Ordering::Relaxed);
    let delivered = counts.delivered.load(Ordering::Relaxed);
    let expected = acked * (members as u64 - 1);
    Ok(json!({
        "mode": "fanout", "members": members, "senders": senders, "rate": rate, "secs": secs,
        "offered_deliveries_per_s": senders as u64 * rate * (members as u64 - 1),
        "sent": counts.sent.load(Ordering::Relaxed), "acked": acked,
        "delivered": delivered, "missing": expected.saturating_sub(delivered),
        "deliveries_per_s": (delivered as f64 / sending_secs).round(),
        "errors": counts.errors.load(Ordering::Relaxed),
        "latency": percentiles(&all),
        "tool_cpu_s": crate::proc::own_cpu_micros().map(|us| us as f64 / 1e6),
    })
    .to_string())
}
