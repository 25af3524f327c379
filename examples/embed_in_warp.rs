//! Mounts the chat under `/chat` inside another warp application: the chat's HTTP API at
//! `/chat/api/v1/...` and its WebSocket at `/chat/ws`, next to the application's own
//! routes, on one port.
//!
//! It listens on `CHAT_EXAMPLE_ADDR` (default `127.0.0.1:8090`), keeps the chat in memory,
//! and reads the chat's settings from the same `CHAT_*` variables as `chat-server`.
//!
//! `cargo run -p chat-examples --example embed_in_warp`, then for instance
//! `curl localhost:8090/hello` and `curl localhost:8090/chat/healthz`.

use std::future::Future;

use warp::Filter;

use chat_core::{Chat, ChatSettings};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Serves the host application on `listener` until `shutdown`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()>,
) -> Result<(), Error> {
    let settings = ChatSettings::from_env()?;
    let chat = Chat::builder().settings(settings.app()).build();
    let edge = chat.edge(settings.edge());

    // The host application's own routes, and the chat's under /chat.
    let hello = warp::path!("hello").map(|| "hello from the host app\n");
    let all = warp::path("chat")
        .and(chat_core::edge::routes(edge.clone()))
        .or(hello)
        .map(warp::Reply::into_response)
        .boxed();
    chat_core::edge::run_with(edge, "/chat/ws", all, listener, shutdown).await;
    chat.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let addr = std::env::var("CHAT_EXAMPLE_ADDR").unwrap_or_else(|_| "127.0.0.1:8090".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
