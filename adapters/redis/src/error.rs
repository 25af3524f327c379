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

/// `Unavailable` at once while the client is reconnecting: a caller falls back to local
/// state without first waiting out the command timeout.
pub(crate) fn connected(client: &fred::clients::Client) -> Result<(), RepoError> {
    use fred::interfaces::ClientLike;
    if client.is_connected() {
        Ok(())
    } else {
        Err(RepoError::Unavailable("redis: not connected".into()))
    }
}
