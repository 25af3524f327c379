//! Protocol v1 of the chat, as types: every HTTP request and response body
//! ([`http`], [`objects`]), every WebSocket frame ([`ws`]), the error codes
//! ([`ErrorCode`]), and the OpenAPI document of the HTTP API ([`openapi`]) generated
//! from them. Serde only: no I/O, no web framework. `docs/PROTOCOL.md` describes the
//! behaviour behind each.
//!
//! With the `server` feature it also holds what a server needs: conversions from the
//! core's values, and the one mapping from `AppError` to an HTTP status and a wire code
//! ([`server::WireError`]).
//!
//! ```
//! use chat_protocol::ws::ServerFrame;
//! let frame = ServerFrame::decode(r#"{"type":"pong","req":"r7"}"#).unwrap();
//! assert_eq!(frame.req(), Some("r7"));
//! ```

mod error;
pub mod hooks;
pub mod http;
pub mod objects;
pub mod openapi;
#[cfg(feature = "server")]
pub mod server;
pub mod ws;

pub use error::{ErrorBody, ErrorCode, ErrorDetail};

/// Serialises a protocol value. These types hold only strings, numbers, ids and times,
/// which always serialise; should one ever fail, the text is an `internal` error frame
/// rather than a panic.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| {
        r#"{"type":"error","code":"internal","message":"serialisation failed"}"#.to_owned()
    })
}
