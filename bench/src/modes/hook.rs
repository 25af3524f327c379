//! `hook --listen A --sends N`: the before-send hook's cost on the send path. Listens on
//! A as the hook (accepting every send, as a fast moderation service would), then sends N
//! messages one at a time over one socket and reports their ack latencies and how many
//! calls the hook got. Run it once against a server with `CHAT_BEFORE_SEND_URL=http://A/`
//! and once without (`hook_calls` 0), and compare.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

use crate::client::text_send;

pub async fn run(
    addr: &str,
    run: &str,
    listen: &str,
    members: usize,
    sends: u64,
) -> Result<String, String> {
    let calls = Arc::new(AtomicU64::new(0));
    serve_hook(listen, calls.clone()).await?;
    let users = crate::client::users(addr, run, members.max(2)).await?;
    let conversation = crate::client::group(addr, &users[0], &users[1..]).await?;
    let id = conversation.parse().map_err(|e| format!("{e}"))?;
    let socket = crate::client::ws(addr, &users[0].token, None).await?;
    let mut conn = super::reading(socket);
    let requests =
        (1..=sends).map(|n| text_send(id, format!("h{n}"), format!("message {n}"), None));
    let acks = super::thread::timed(&mut conn, requests).await?;
    Ok(json!({
        "mode": "hook", "members": members, "sends": sends,
        "hook_calls": calls.load(Ordering::Relaxed), "ack": acks,
    })
    .to_string())
}

/// An accept-everything hook on `listen`, counting its calls.
async fn serve_hook(listen: &str, calls: Arc<AtomicU64>) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("listen on {listen}: {e}"))?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let calls = calls.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let calls = calls.clone();
                    async move {
                        calls.fetch_add(1, Ordering::Relaxed);
                        let body = req.into_body().collect().await.map(|b| b.to_bytes());
                        let sent: Value =
                            serde_json::from_slice(&body.unwrap_or_default()).unwrap_or_default();
                        let accept = json!({"action": "accept"});
                        let answer = match sent {
                            Value::Array(run) => Value::Array(vec![accept; run.len()]),
                            _ => accept,
                        };
                        Ok::<_, Infallible>(hyper::Response::new(Full::new(Bytes::from(
                            answer.to_string(),
                        ))))
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(())
}
