//! The chat core, for embedding in a Rust service: one builder ([`Chat::builder`]) over
//! storage, live state, password hashing, files and push, each with an in-memory
//! default; settings from the same `CHAT_*` variables as `chat-server`
//! ([`ChatSettings`]); and the HTTP + WebSocket edge of protocol v1, to serve alone
//! ([`serve`]) or to mount in a host's own server ([`edge`]).
//!
//! A service that keeps its chat in plain text files under `./chat-data`:
//!
//! ```
//! use chat_core::{Chat, ChatSettings};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::env::temp_dir().join(format!("chat-core-doc-{}", std::process::id()));
//! # let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
//! # let shutdown = async { let _ = stopped.await; };
//! let settings = ChatSettings::from_env()?; // CHAT_TOKEN_TTL, CHAT_RATE_LIMIT_MAX, …
//! let chat = Chat::builder().txt(&dir)?.settings(settings.app()).build();
//! // Recalled messages' text leaves the files within CHAT_ERASE_WITHIN (10 minutes).
//! let erasing = tokio::spawn(chat.app().clone().keep_erasing());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! # let addr = listener.local_addr()?;
//! # tokio::spawn(async move { chat_core::doc_support::health(addr).await; let _ = stop.send(()); });
//! chat_core::serve(chat.edge(settings.edge()), listener, shutdown).await;
//! erasing.abort();
//! chat.close().await;
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```

mod builder;
mod challenges;
#[doc(hidden)]
pub mod doc_support;
mod host_tokens;
mod settings;
pub mod stores;

pub use builder::{Chat, ChatBuilder};
pub use challenges::{ChallengeMode, ChallengeSettings};
pub use chat_adapter_jwt as jwt;
pub use chat_app as app;
pub use chat_app::{AppError, ChatApp, Settings};
pub use chat_domain as domain;
pub use chat_memory as memory;
pub use chat_protocol as protocol;
pub use host_tokens::HostTokenSettings;
pub use settings::{duration, ChatSettings};

/// The HTTP + WebSocket edge of protocol v1: [`edge::Edge`] (from [`Chat::edge`]) as a
/// tower service for any host server ([`edge::Edge::service`]), as warp filters
/// ([`edge::routes`], [`edge::run_with`]), or served alone ([`serve`]).
pub mod edge {
    pub use chat_adapter_warp::{routes, run, run_with, ChatService, Edge, EdgeConfig, PeerAddr};
}

/// Serves protocol v1 on `listener` until `shutdown` resolves, then closes WebSockets
/// (1001) and waits, up to the edge's grace, for open requests to finish.
pub async fn serve(
    edge: edge::Edge,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()>,
) {
    chat_adapter_warp::run(edge, listener, shutdown).await
}
