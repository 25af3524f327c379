//! `soak --users U --rate R --secs T`: steady traffic with connection churn. Every user
//! connects, sends to one shared group at R messages/s for a few seconds, disconnects,
//! now and then reads history over HTTP, and connects again, for T seconds. The server's
//! RSS and open descriptors are sampled every 10 s; the report gives their growth from
//! the end of warm-up (the first fifth of the run) to the end, and whether that stays in
//! the bound: descriptors back within 2 per user, RSS within 16 MiB plus 1 KiB per
//! message stored meanwhile (stored messages are indexed in memory).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::SinkExt;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

use crate::client::{is_ack, send_frame};
use crate::proc::rss_kib;

fn open_fds(pid: u32) -> Option<u64> {
    Some(std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count() as u64)
}

#[derive(Default)]
struct Counts {
    acked: AtomicU64,
    errors: AtomicU64,
    connections: AtomicU64,
    history_reads: AtomicU64,
}

pub async fn run(
    addr: &str,
    pid: Option<u32>,
    run: &str,
    users: usize,
    rate: u64,
    secs: u64,
) -> Result<String, String> {
    let pid = pid.ok_or("soak needs --server-pid")?;
    let users = crate::client::users(addr, run, users.max(2)).await?;
    let group = crate::client::group(addr, &users[0], &users[1..]).await?;
    let counts = Arc::new(Counts::default());
    let epoch = Instant::now();
    let end = epoch + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for (i, user) in users.iter().enumerate() {
        let (addr, token, group, counts) = (
            addr.to_owned(),
            user.token.clone(),
            group.clone(),
            counts.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            let mut cycle = 0u64;
            while Instant::now() < end {
                cycle += 1;
                let Ok(socket) = crate::client::ws(&addr, &token, None).await else {
                    counts.errors.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                };
                counts.connections.fetch_add(1, Ordering::Relaxed);
                let mut conn = super::reading(socket);
                // Lives of 2 to 10 s, staggered across users.
                let life = Duration::from_secs(2 + (i as u64 * 7 + cycle * 3) % 9);
                let until = (Instant::now() + life).min(end);
                let mut tick =
                    tokio::time::interval(Duration::from_micros(1_000_000 / rate.max(1)));
                while Instant::now() < until {
                    tick.tick().await;
                    n += 1;
                    let frame = send_frame(&group, &format!("u{i}-{n}"), epoch, n);
                    if conn.sink.send(Message::text(frame)).await.is_err() {
                        counts.errors.fetch_add(1, Ordering::Relaxed);
                        break;
                    }
                    while let Ok(f) = conn.frames.try_recv() {
                        if is_ack(&f) {
                            counts.acked.fetch_add(1, Ordering::Relaxed);
                        } else if f.contains(r#""type":"error""#) {
                            counts.errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                let _ = conn.sink.close().await;
                if cycle.is_multiple_of(3) {
                    let path = format!("/api/v1/conversations/{group}/messages?limit=50");
                    match crate::client::http(&addr, "GET", &path, Some(&token), Value::Null).await
                    {
                        Ok((200, _)) => counts.history_reads.fetch_add(1, Ordering::Relaxed),
                        _ => counts.errors.fetch_add(1, Ordering::Relaxed),
                    };
                }
            }
        }));
    }
    let mut samples: Vec<[u64; 4]> = Vec::new();
    let sample = |counts: &Counts| -> [u64; 4] {
        [
            epoch.elapsed().as_secs(),
            rss_kib(pid).unwrap_or(0),
            open_fds(pid).unwrap_or(0),
            counts.acked.load(Ordering::Relaxed),
        ]
    };
    samples.push(sample(&counts));
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_secs(10).min(end - Instant::now())).await;
        samples.push(sample(&counts));
    }
    for t in tasks {
        let _ = t.await;
    }
    // Give the server a moment to close what the clients closed.
    tokio::time::sleep(Duration::from_secs(2)).await;
    samples.push(sample(&counts));
    let warm = *samples
        .iter()
        .find(|s| s[0] >= secs / 5)
        .unwrap_or(&samples[0]);
    let last = *samples.last().unwrap();
    let rss_growth = last[1].saturating_sub(warm[1]);
    let stored = last[3].saturating_sub(warm[3]);
    let rss_bound = 16 * 1024 + stored;
    let fd_bound = warm[2] + 2 * users.len() as u64;
    Ok(json!({
        "mode": "soak",
        "users": users.len(),
        "rate_per_user": rate,
        "secs": secs,
        "acked": counts.acked.load(Ordering::Relaxed),
        "errors": counts.errors.load(Ordering::Relaxed),
        "connections_opened": counts.connections.load(Ordering::Relaxed),
        "history_reads": counts.history_reads.load(Ordering::Relaxed),
        "samples_t_rss_kib_fds_acked": samples,
        "rss_warm_kib": warm[1],
        "rss_last_kib": last[1],
        "rss_growth_kib": rss_growth,
        "rss_bound_kib": rss_bound,
        "fds_warm": warm[2],
        "fds_last": last[2],
        "fds_bound": fd_bound,
        "within_bounds": rss_growth <= rss_bound && last[2] <= fd_bound,
    })
    .to_string())
}
