//! Driver errors mapped to the domain's: the only place `tokio_postgres::Error` is read.

use chat_domain::RepoError;
use tokio_postgres::error::SqlState;
use tokio_postgres::Error;

/// Whether a unique index or constraint was violated.
pub(crate) fn is_duplicate(e: &Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

/// Whether the transaction may simply be run again: the server rolled it back for a
/// deadlock or a serialization failure.
pub(crate) fn is_retryable(e: &Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

/// A unique violation is a `Conflict`; anything else (lost connection, server down,
/// timeouts, a schema the server rejects) is `Unavailable`: the caller may retry.
pub(crate) fn map(e: Error) -> RepoError {
    if is_duplicate(&e) {
        RepoError::Conflict(format!("postgres: {}", text(&e)))
    } else {
        RepoError::Unavailable(format!("postgres: {}", text(&e)))
    }
}

/// The server's message when it sent one (`Display` alone says only "db error").
fn text(e: &Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

/// A stored value that does not parse back into the domain's types.
pub(crate) fn corrupt(what: &str, detail: impl std::fmt::Display) -> RepoError {
    RepoError::Corrupt(format!("postgres {what}: {detail}"))
}
