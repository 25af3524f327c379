//! The HTTP + WebSocket edge of the chat core: protocol v1 (see `docs/PROTOCOL.md`).
//!
//! It calls [`chat_app::ChatApp`] only, never a port directly. Every body and frame is a
//! `chat-protocol` type, and every [`chat_app::AppError`] goes out as
//! `chat_protocol::server::WireError` makes it.
//!
//! - [`routes`] gives the HTTP API as a warp filter, to mount inside another warp app;
//! - [`run`] serves HTTP and WebSocket on a listener until a shutdown signal: it owns the
//!   accept loop so it can time out clients that never finish their request headers, and
//!   takes WebSocket upgrades itself so each socket's buffers stay small.

mod config;
pub mod http;
mod metrics;
mod server;
pub mod ws;

pub use config::EdgeConfig;
pub use http::routes;
pub use metrics::Metrics;
pub use server::{run, run_with, Edge, EdgeState};
