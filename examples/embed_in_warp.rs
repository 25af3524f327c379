//! Mounts the chat under `/chat` inside another warp application: the chat's HTTP API at
//! `/chat/api/v1/...` and its WebSocket at `/chat/ws`, next to the application's own
//! routes, on one port.
//!
//! Run with `cargo run -p chat-examples --example embed_in_warp`, then for instance
//! `curl localhost:8090/hello` and `curl localhost:8090/chat/healthz`.

use std::sync::Arc;

use warp::Filter;

use chat_adapter_argon2::Argon2Hasher;
use chat_adapter_warp::{Edge, EdgeConfig};
use chat_app::{ChatApp, Ports, Settings};
use chat_memory::*;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = ChatApp::new(
        Ports {
            users: Arc::new(MemoryUsers::default()),
            sessions: Arc::new(MemorySessions::default()),
            conversations: Arc::new(MemoryConversations::default()),
            messages: Arc::new(MemoryMessages::default()),
            presence: Arc::new(MemoryPresence::default()),
            events: Arc::new(MemoryEventBus::default()),
            rate_limiter: Arc::new(MemoryRateLimiter::default()),
            hasher: Arc::new(Argon2Hasher::default()),
            clock: Arc::new(SystemClock),
            files: Arc::new(MemoryFiles::default()),
            push: Arc::new(LogPush),
        },
        Settings::default(),
    );
    let edge = Edge::new(app, EdgeConfig::default());

    // The host application's own routes.
    let hello = warp::path!("hello").map(|| "hello from the host app\n");
    let all = warp::path("chat")
        .and(chat_adapter_warp::routes(edge.clone()))
        .or(hello)
        .map(warp::Reply::into_response)
        .boxed();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:8090").await?;
    println!("listening on http://{}", listener.local_addr()?);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    chat_adapter_warp::run_with(edge, "/chat/ws", all, listener, shutdown).await;
    Ok(())
}
