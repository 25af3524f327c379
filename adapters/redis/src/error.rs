//! Redis errors mapped to the domain's: the only place `fred::error::Error` is read.

use chat_domain::RepoError;

/// Every Redis failure is `Unavailable`: the caller falls back or retries.
pub(crate) fn map(e: fred::error::Error) -> RepoError {
    RepoError::Unavailable(format!("redis: {e}"))
}

/// A script answer of an unexpected shape.
pub(crate) fn corrupt(what: &str, detail: impl std::fmt::Display) -> RepoError {
    RepoError::Corrupt(format!("redis {what}: {detail}"))
}
