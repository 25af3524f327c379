//! The reference chat server as a library: [`serve`] runs it on a listener until a
//! shutdown signal, so tests bind `127.0.0.1:0` and the binary stays a thin wrapper.
//!
//! ```no_run
//! # async fn run() -> Result<(), chat_server::StartError> {
//! let config = chat_server::Config::with_addr("127.0.0.1:0".parse().unwrap());
//! let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
//! chat_server::serve(config, listener, async { let _ = tokio::signal::ctrl_c().await; }).await
//! # }
//! ```

mod config;
pub mod migrate;
pub mod stores;
mod wiring;

use std::future::Future;

use tokio::net::TcpListener;

use chat_adapter_warp::Edge;
use warp::Filter;

pub use chat_core::ChallengeMode;
pub use config::{Config, HookFailure, Store};
pub use wiring::{build, Node};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A store could not be opened.
    #[error("cannot open the {store} store: {reason}")]
    Store {
        /// Which store.
        store: &'static str,
        /// Why.
        reason: String,
    },
    /// The configuration asks for something this server cannot do.
    #[error("{0}")]
    Config(String),
}

/// Builds the adapters `config` names and serves protocol v1 on `listener` until
/// `shutdown` resolves; then closes connections (WebSockets with 1001) and returns.
///
/// # Errors
/// [`StartError`] if a store cannot be opened.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) -> Result<(), StartError> {
    let node = build(&config).await?;
    serve_node(node, &config, listener, shutdown).await;
    Ok(())
}

/// Serves an already built node (for callers that prepare it first, such as tests that
/// create an admin), then closes its storage.
pub async fn serve_node(
    node: Node,
    config: &Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) {
    let app = node.app.clone();
    let edge = Edge::new(app.clone(), config.chat.edge());
    let housekeeping = tokio::spawn(wiring::housekeeping(app.clone(), config.chat.ping_interval));
    // Events wait in the store: whatever is not delivered when this stops goes out after
    // the next start (or from another node).
    let events = tokio::spawn(app.clone().deliver_events());
    let erasing = tokio::spawn(app.keep_erasing());
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, store = ?config.store, "chat-server listening");
    }
    // The pages first: the API's routes answer every other path with a JSON 404.
    let routes = chat_adapter_web::pages_allowing(&config.chat.challenges.widget_origins())
        .or(chat_adapter_warp::routes(edge.clone()))
        .unify()
        .boxed();
    chat_adapter_warp::run_with(edge, "/ws", routes, listener, shutdown).await;
    housekeeping.abort();
    events.abort();
    erasing.abort();
    node.close().await;
    tracing::info!("chat-server stopped");
}
