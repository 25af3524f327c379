//! `export --messages N --runs R`: one user sends N messages into a direct conversation
//! (over the socket, 256 in flight), then asks for their data export R times, reading
//! each whole; the time and size of each, checked to hold all N messages.

use std::time::Instant;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::client::send_frame;

const WINDOW: usize = 256;

pub async fn run(addr: &str, run: &str, messages: u64, runs: u64) -> Result<String, String> {
    let users = crate::client::users(addr, run, 2).await?;
    let conversation = crate::client::direct(addr, &users[0], &users[1]).await?;
    let started = Instant::now();
    let epoch = Instant::now();
    let frame = |n| send_frame(&conversation, &format!("e{n}"), epoch, n);
    super::send_windowed(addr, &users[0].token, WINDOW, messages, frame).await?;
    let fill_s = started.elapsed().as_secs_f64();
    let mut exports = Vec::new();
    for _ in 0..runs {
        let asked = Instant::now();
        let body = export(addr, &users[0].token).await?;
        let secs = asked.elapsed().as_secs_f64();
        let doc: Value = serde_json::from_slice(&body).map_err(|e| format!("the export: {e}"))?;
        let got = doc["conversations"][0]["messages"]
            .as_array()
            .map_or(0, Vec::len);
        if got as u64 != messages {
            return Err(format!("the export holds {got} messages of {messages}"));
        }
        exports.push(json!({"secs": secs, "bytes": body.len(),
            "mb_per_sec": body.len() as f64 / 1e6 / secs}));
    }
    let mut secs: Vec<f64> = exports.iter().filter_map(|e| e["secs"].as_f64()).collect();
    secs.sort_by(f64::total_cmp);
    Ok(json!({
        "mode": "export", "messages": messages, "fill_s": fill_s,
        "runs": exports, "median_secs": secs.get(secs.len() / 2),
    })
    .to_string())
}

/// `GET /api/v1/me/export`, read to its end and unchunked.
async fn export(addr: &str, token: &str) -> Result<Vec<u8>, String> {
    let mut s = TcpStream::connect(addr)
        .await
        .map_err(|e| format!("connect {addr}: {e}"))?;
    let req = format!(
        "GET /api/v1/me/export HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.map_err(|e| e.to_string())?;
    let at = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no HTTP answer")?;
    let (head, body) = (
        String::from_utf8_lossy(&raw[..at]).to_lowercase(),
        &raw[at + 4..],
    );
    if !head.starts_with("http/1.1 200") {
        return Err(format!(
            "the export answered {}",
            head.lines().next().unwrap_or("")
        ));
    }
    if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        Ok(body.to_vec())
    }
}

fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = body
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("a torn chunk")?;
        let size = std::str::from_utf8(&body[..eol])
            .ok()
            .and_then(|h| usize::from_str_radix(h.split(';').next()?.trim(), 16).ok())
            .ok_or("a bad chunk size")?;
        body = &body[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(body.get(..size).ok_or("a short chunk")?);
        body = body.get(size + 2..).ok_or("a short chunk")?;
    }
}
