use std::time::Duration;
use thiserror::Error;

use chat_domain::{DomainError, RepoError};

/// Why a use case failed. [`AppError::code`] is the stable wire code the edge sends.
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
    /// A backend is down; the action did not happen and may be retried.
    #[error("{0}")]
    Unavailable(String),
    /// A fault of the server (corrupt data, a broken invariant).
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// The stable wire code: `bad_request`, `unauthorized`, `forbidden`, `not_found`,
    /// `conflict`, `rate_limited`, `too_large`, `unavailable` or `internal`.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::TooLarge(_) => "too_large",
            AppError::RangeNotSatisfiable { .. } => "range_not_satisfiable",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// For `rate_limited`: whole seconds until a retry can succeed (at least 1), as the
    /// edge reports it (`Retry-After`, `retry_after`).
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after } => {
                let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                Some(secs.max(1))
            }
            _ => None,
        }
    }

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
