//! `idle --conns N`: the server's memory per authenticated, idle socket.

use std::time::Duration;

use serde_json::json;

use crate::proc::rss_kib;

pub async fn run(
    addr: &str,
    pid: Option<u32>,
    run: &str,
    conns: usize,
    per_user: usize,
) -> Result<String, String> {
    let per_user = per_user.max(1);
    let users = crate::client::users(addr, run, conns.div_ceil(per_user)).await?;
    let tokens: Vec<String> = (0..conns)
        .map(|i| users[i / per_user].token.clone())
        .collect();
    // Settle first, so the growth is the sockets' and not the sign-ups'.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = pid.and_then(rss_kib);
    let sockets = super::open_all(addr, &tokens).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = pid.and_then(rss_kib);
    let per_conn = match (before, after) {
        (Some(b), Some(a)) => Some((a.saturating_sub(b) * 1024) as f64 / conns as f64),
        _ => None,
    };
    drop(sockets);
    Ok(json!({
        "mode": "idle", "conns": conns, "users": users.len(),
        "server_rss_before_kib": before, "server_rss_after_kib": after,
        "server_bytes_per_conn": per_conn.map(|b| b.round()),
    })
    .to_string())
}
