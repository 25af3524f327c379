//! The domain's two error types: invalid input, and a failed port call.

use thiserror::Error;

/// A value or an action that the domain rules reject.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// Input that does not make a valid value object; the text says which rule it breaks.
    #[error("invalid {field}: {reason}")]
    Invalid {
        /// The field or value object that was being built.
        field: &'static str,
        /// Why it was rejected, in words a client can show.
        reason: String,
    },
    /// Input longer than the domain allows (a body over 5000 characters, say).
    #[error("{field} is too large: {reason}")]
    TooLarge {
        /// The field that is too large.
        field: &'static str,
        /// The limit, in words.
        reason: String,
    },
    /// The actor is not allowed to do this.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The action does not fit the current state (changing a recalled message, say).
    #[error("{0}")]
    Conflict(String),
}

impl DomainError {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        DomainError::Invalid {
            field,
            reason: reason.into(),
        }
    }
}

/// The failure of a port call (a repository, store or gateway).
///
/// Adapters map their driver errors into these variants; no driver error type ever
/// crosses into the domain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RepoError {
    /// The record asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The write would break a uniqueness rule (a taken username, an existing member).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The backend cannot be reached or did not answer; retrying later may succeed.
    #[error("backend unavailable: {0}")]
    Unavailable(String),
    /// Stored data failed an integrity check; it is not served.
    #[error("corrupt data: {0}")]
    Corrupt(String),
}
