//! Mounts the chat under `/chat` inside another warp application: the chat's HTTP API at
//! `/chat/api/v1/...` and its WebSocket at `/chat/ws`, next to the application's own
//! routes, on one port.
//!
//! Run with `cargo run -p chat-examples --example embed_in_warp`, then for instance
//! `curl localhost:8090/hello` and `curl localhost:8090/chat/healthz`.

use warp::Filter;

use chat_adapter_warp::{Edge, EdgeConfig};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let chat = chat_core::Chat::builder().build();
    let edge = Edge::new(chat.app().clone(), EdgeConfig::default());

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
    chat.close().await;
    Ok(())
}
