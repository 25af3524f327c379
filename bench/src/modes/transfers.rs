//! `transfers --downloads D --uploads U --mib M`: one user uploads an M MiB file, then D
//! downloads of it and U further uploads of M MiB run at once, each on its own
//! connection (the user's transfer limit must allow D + U). The server's RSS is sampled
//! every 20 ms; the report gives it before and at its peak, and the time taken.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::client::{users, User};
use crate::proc::rss_kib;

/// One raw request on a fresh connection; the status and the body's length.
async fn request(addr: &str, head: String, body: &[u8]) -> Result<(u16, u64, Vec<u8>), String> {
    let mut s = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    s.write_all(head.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    s.write_all(body).await.map_err(|e| e.to_string())?;
    // Read as a client does, 64 KiB at a time; keep only the start (status, JSON).
    let (mut start, mut total, mut buf) = (Vec::new(), 0u64, vec![0u8; 64 * 1024]);
    loop {
        let n = s.read(&mut buf).await.map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if start.len() < 4096 {
            start.extend_from_slice(&buf[..n.min(4096)]);
        }
    }
    let text = String::from_utf8_lossy(&start);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no HTTP answer")?;
    Ok((status, total, start))
}

async fn upload(addr: &str, user: &User, bytes: &[u8]) -> Result<String, String> {
    let head = format!(
        "POST /api/v1/files?name=bench.bin HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        user.token,
        bytes.len()
    );
    let (status, _, start) = request(addr, head, bytes).await?;
    if status != 201 {
        return Err(format!("upload answered {status}"));
    }
    let text = String::from_utf8_lossy(&start);
    let json = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    v["file_id"]
        .as_str()
        .map(str::to_owned)
        .ok_or("no file_id".into())
}

async fn download(addr: &str, user: &User, id: &str, size: u64) -> Result<(), String> {
    let head = format!(
        "GET /api/v1/files/{id} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        user.token
    );
    let (status, total, _) = request(addr, head, &[]).await?;
    if status != 200 || total < size {
        return Err(format!("download answered {status} with {total} bytes"));
    }
    Ok(())
}

pub async fn run(
    addr: &str,
    pid: Option<u32>,
    run: &str,
    downloads: usize,
    uploads: usize,
    mib: usize,
) -> Result<String, String> {
    let pid = pid.ok_or("transfers needs --server-pid")?;
    let user = users(addr, run, 1).await?.remove(0);
    let bytes: Arc<Vec<u8>> = Arc::new(
        (0..mib * 1024 * 1024)
            .map(|i| (i * 7 % 251) as u8)
            .collect(),
    );
    let id = upload(addr, &user, &bytes).await?;
    let before = rss_kib(pid).ok_or("no RSS")?;
    let peak = Arc::new(AtomicU64::new(before));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        tokio::spawn(async move {
            while !done.load(Ordering::Relaxed) {
                if let Some(now) = rss_kib(pid) {
                    peak.fetch_max(now, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..downloads {
        let (addr, user, id, size) = (
            addr.to_owned(),
            user.clone(),
            id.clone(),
            bytes.len() as u64,
        );
        tasks.push(tokio::spawn(async move {
            download(&addr, &user, &id, size).await
        }));
    }
    for _ in 0..uploads {
        let (addr, user, bytes) = (addr.to_owned(), user.clone(), bytes.clone());
        tasks.push(tokio::spawn(async move {
            upload(&addr, &user, &bytes).await.map(drop)
        }));
    }
    let mut errors = 0;
    for t in tasks {
        if !matches!(t.await, Ok(Ok(()))) {
            errors += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let _ = sampler.await;
    Ok(json!({
        "mode": "transfers", "downloads": downloads, "uploads": uploads, "mib": mib,
        "rss_before_mib": before / 1024, "rss_peak_mib": peak.load(Ordering::Relaxed) / 1024,
        "secs": secs, "errors": errors,
    })
    .to_string())
}
