//! Error codes: stable and machine-readable, each with its HTTP status.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Why a call failed (the `code` of every error answer and error frame).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Malformed JSON, a wrong type, a missing field, an invalid id or value.
    BadRequest,
    /// No token, an unknown, expired or revoked token, wrong credentials.
    Unauthorized,
    /// Authenticated but not allowed (also for conversations that do not exist).
    Forbidden,
    /// No such route, user, member or file.
    NotFound,
    /// It clashes with what exists.
    Conflict,
    /// Too many sends, logins, sign-ups or connections; retry after `retry_after`.
    RateLimited,
    /// A body or upload over its limit.
    TooLarge,
    /// A download range outside the file.
    RangeNotSatisfiable,
    /// The server keeps its last free disk space for messages: uploads wait.
    InsufficientStorage,
    /// A backend is down; nothing happened and a retry is safe.
    Unavailable,
    /// A fault of the server.
    Internal,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: [ErrorCode; 11] = [
        ErrorCode::BadRequest,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::RateLimited,
        ErrorCode::TooLarge,
        ErrorCode::RangeNotSatisfiable,
        ErrorCode::InsufficientStorage,
        ErrorCode::Unavailable,
        ErrorCode::Internal,
    ];

    /// The wire name (`bad_request`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::RangeNotSatisfiable => "range_not_satisfiable",
            ErrorCode::InsufficientStorage => "insufficient_storage",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Internal => "internal",
        }
    }

    /// The HTTP status an error with this code answers.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::RateLimited => 429,
            ErrorCode::TooLarge => 413,
            ErrorCode::RangeNotSatisfiable => 416,
            ErrorCode::InsufficientStorage => 507,
            ErrorCode::Unavailable => 503,
            ErrorCode::Internal => 500,
        }
    }
}

/// The body of every failed HTTP call: `{"error": {"code", "message"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable and machine-readable.
    pub code: ErrorCode,
    /// For people; may change.
    pub message: String,
    /// `true` when the request needs an answered challenge (`GET /api/v1/challenge`):
    /// a sign-up without one, a login after repeated failures, a wrong or reused answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub challenge_required: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serialises_to_its_name() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
