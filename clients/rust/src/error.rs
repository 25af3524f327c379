//! What can go wrong talking to a server.

use chat_protocol::ErrorCode;

/// An error of a call.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error (its status, wire code and message).
    #[error("{status} {code:?}: {message}")]
    Server {
        /// The HTTP status (0 for an error frame on the socket).
        status: u16,
        /// The wire code.
        code: ErrorCode,
        /// For people.
        message: String,
        /// For `rate_limited`: seconds until a retry can succeed.
        retry_after: Option<u64>,
    },
    /// No answer: the connection failed or closed. Safe to retry.
    #[error("transport: {0}")]
    Transport(String),
    /// An answer this library cannot read (another protocol version?).
    #[error("protocol: {0}")]
    Protocol(String),
    /// The client was closed.
    #[error("the client is closed")]
    Closed,
}

impl ClientError {
    /// The wire code, for server errors.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Server { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Whether the same call may succeed later (the server or the network was away).
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Transport(_) => true,
            ClientError::Server { code, .. } => matches!(
                code,
                ErrorCode::Unavailable | ErrorCode::RateLimited | ErrorCode::Internal
            ),
            _ => false,
        }
    }
}
