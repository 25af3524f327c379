//! An axum application with a route of its own, `GET /hello`, that mounts the whole chat
//! (protocol v1: HTTP API and WebSocket) under `/chat`: `/chat/api/v1/...`, `/chat/ws`,
//! `/chat/healthz`, `/chat/metrics`. The host's middleware (request ids, tracing) wraps
//! the chat's routes as well as its own.
//!
//! It listens on `CHAT_EXAMPLE_ADDR` (default `127.0.0.1:8091`), keeps the chat in
//! memory, or in text files under `CHAT_EXAMPLE_DATA_DIR` when that is set, and reads
//! the chat's settings (rate limits, token lifetime, limits) from the same `CHAT_*`
//! variables as `chat-server`.
//!
//! `cargo run -p chat-examples --example embed_in_axum`, then for instance
//! `curl -i localhost:8091/hello` and `curl -i localhost:8091/chat/healthz`.

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use chat_core::edge::{Edge, PeerAddr};
use chat_core::{Chat, ChatSettings};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The host's routes, with the chat mounted under `/chat`.
pub fn router(edge: &Edge) -> Router {
    Router::new()
        .route("/hello", get(|| async { "hello from the host app\n" }))
        .nest_service("/chat", edge.service())
        .layer(middleware::from_fn(client_address))
        .layer(TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Hands the chat each request's client address, so sign-ups and logins are rate
/// limited per address as on chat-server.
async fn client_address(
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    req.extensions_mut().insert(PeerAddr(addr));
    next.run(req).await
}

/// The chat: in memory, or in text files under `CHAT_EXAMPLE_DATA_DIR`.
fn open(settings: &ChatSettings) -> Result<Chat, Error> {
    let builder = Chat::builder().settings(settings.app());
    Ok(match std::env::var_os("CHAT_EXAMPLE_DATA_DIR") {
        Some(dir) => builder.txt(std::path::Path::new(&dir))?.build(),
        None => builder.build(),
    })
}

/// Serves the host application on `listener` until `shutdown`; then closes the chat's
/// sockets (1001) and its storage.
pub async fn serve(
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let settings = ChatSettings::from_env()?;
    let chat = open(&settings)?;
    // Recalled and removed messages' text leaves the store's files within
    // CHAT_ERASE_WITHIN.
    let erasing = tokio::spawn(chat.app().clone().keep_erasing());
    let edge = chat.edge(settings.edge());
    let app = router(&edge).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    edge.shutdown().await;
    erasing.abort();
    chat.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing_subscriber::fmt()
        .with_env_filter("info,tower_http=debug")
        .init();
    let addr = std::env::var("CHAT_EXAMPLE_ADDR").unwrap_or_else(|_| "127.0.0.1:8091".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
