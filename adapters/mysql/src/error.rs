//! Driver errors mapped to the domain's: the only place `mysql_async::Error` is read.

use chat_domain::RepoError;
use mysql_async::Error;

/// ER_DUP_ENTRY: a unique key was violated.
pub(crate) const DUPLICATE_KEY: u16 = 1062;
/// ER_LOCK_DEADLOCK: the server rolled the transaction back; retrying is correct.
pub(crate) const DEADLOCK: u16 = 1213;
/// ER_LOCK_WAIT_TIMEOUT: a row lock was not granted in time; retrying is correct.
pub(crate) const LOCK_WAIT_TIMEOUT: u16 = 1205;

/// The server error code, if the server answered with one.
pub(crate) fn server_code(e: &Error) -> Option<u16> {
    match e {
        Error::Server(s) => Some(s.code),
        _ => None,
    }
}

/// Whether the transaction may simply be run again.
pub(crate) fn is_retryable(e: &Error) -> bool {
    matches!(server_code(e), Some(DEADLOCK | LOCK_WAIT_TIMEOUT))
}

/// A duplicate key is a `Conflict`; anything else (lost connection, server down,
/// timeouts, a schema the server rejects) is `Unavailable`: the caller may retry.
pub(crate) fn map(e: Error) -> RepoError {
    match server_code(&e) {
        Some(DUPLICATE_KEY) => RepoError::Conflict(format!("mysql: {e}")),
        _ => RepoError::Unavailable(format!("mysql: {e}")),
    }
}

/// A stored value that does not parse back into the domain's types.
pub(crate) fn corrupt(what: &str, detail: impl std::fmt::Display) -> RepoError {
    RepoError::Corrupt(format!("mysql {what}: {detail}"))
}
