use std::time::Duration;
use thiserror::Error;

use chat_domain::{DomainError, RepoError};

/// Why a use case failed. The edge turns each variant into a wire code and status in one
/// place (`chat_protocol::server::WireError`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AppError {
    /// The input is malformed or breaks a rule of form.
    #[error("{0}")]
    BadRequest(String),
    /// No valid credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// Authenticated, but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// The thing asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// It clashes with what exists (a taken username, an existing member).
    #[error("{0}")]
    Conflict(String),
    /// Too many actions; retry after the given time.
    #[error("too many requests; retry in {}s", retry_after.as_secs().max(1))]
    RateLimited {
        /// When a retry may succeed.
        retry_after: Duration,
    },
    /// The input is larger than allowed.
    #[error("{0}")]
    TooLarge(String),
    /// A byte range outside the file.
    #[error("range not satisfiable: the file has {size} bytes")]
    RangeNotSatisfiable {
        /// The file's size.
        size: u64,
    },
    /// Free disk space is kept for messages: the upload was refused.
    #[error("{0}")]
    InsufficientStorage(String),
    /// The request needs an answered challenge (`GET /api/v1/challenge`) before it
    /// is tried: a login after repeated failures (the text says why it failed).
    #[error("{0}")]
    ChallengeRequired(String),
    /// The request's challenge answer is missing, wrong, expired or used before.
    #[error("{0}")]
    ChallengeFailed(String),
    /// A backend is down; the action did not happen and may be retried.
    #[error("{0}")]
    Unavailable(String),
    /// A fault of the server (corrupt data, a broken invariant).
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub(crate) fn unauthorized() -> Self {
        AppError::Unauthorized("missing, invalid or expired token".into())
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Invalid { .. } => AppError::BadRequest(e.to_string()),
            DomainError::TooLarge { .. } => AppError::TooLarge(e.to_string()),
            DomainError::Forbidden(reason) => AppError::Forbidden(reason.into()),
            DomainError::Conflict(reason) => AppError::Conflict(reason),
        }
    }
}

impl From<RepoError> for AppError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound(what) => AppError::NotFound(format!("{what} not found")),
            RepoError::Conflict(what) => AppError::Conflict(what),
            RepoError::Unavailable(_) => {
                AppError::Unavailable("storage is unavailable; try again".into())
            }
            RepoError::Corrupt(what) => {
                AppError::Internal(format!("stored data is damaged: {what}"))
            }
        }
    }
}
