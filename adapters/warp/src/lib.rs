//! The HTTP + WebSocket edge of the chat core: protocol v1 (see `docs/PROTOCOL.md`).
//!
//! It calls [`chat_app::ChatApp`] only, never a port directly. Every body and frame is a
//! `chat-protocol` type, and every [`chat_app::AppError`] goes out as
//! `chat_protocol::server::WireError` makes it.
//!
//! - [`run`] serves HTTP and WebSocket on a listener until a shutdown signal: it owns the
//!   accept loop so it can time out clients that never finish their request headers, and
//!   takes WebSocket upgrades itself so each socket's buffers stay small;
//! - [`run_with`] does the same for a warp application that mounts [`routes`] (the HTTP
//!   API as a warp filter) among its own;
//! - [`Edge::service`] is the whole edge as a tower service, for hosts that run their own
//!   server (axum and others).

mod config;
mod deadline;
mod edge;
pub mod http;
mod metrics;
mod server;
mod service;
mod slots;
pub mod ws;

pub use config::EdgeConfig;
pub use edge::{Edge, EdgeState};
pub use http::extract::PeerAddr;
pub use http::routes;
pub use metrics::Metrics;
pub use server::{run, run_with};
pub use service::ChatService;
