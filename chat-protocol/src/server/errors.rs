//! The one place where an `AppError` becomes a wire error: its code, HTTP status,
//! message, and for `rate_limited` the seconds to wait.

use chat_app::AppError;

use crate::error::{ErrorBody, ErrorCode, ErrorDetail};
use crate::ws::ServerFrame;

/// An error as the wire shows it, for an HTTP answer or an error frame alike.
///
/// ```
/// use chat_app::AppError;
/// use chat_protocol::server::WireError;
/// use chat_protocol::ErrorCode;
/// let e = WireError::of(&AppError::RateLimited { retry_after: std::time::Duration::from_millis(1500) });
/// assert_eq!((e.code, e.status(), e.retry_after), (ErrorCode::RateLimited, 429, Some(2)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    /// Its code.
    pub code: ErrorCode,
    /// For people.
    pub message: String,
    /// For `rate_limited`: whole seconds until a retry can succeed (at least 1).
    pub retry_after: Option<u64>,
    /// For `range_not_satisfiable`: the file's size (`Content-Range: bytes */SIZE`).
    pub file_size: Option<u64>,
    /// The request needs an answered challenge.
    pub challenge_required: bool,
}

impl ErrorCode {
    /// The code of an error.
    pub fn of(e: &AppError) -> Self {
        match e {
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::Unauthorized(_) | AppError::ChallengeRequired(_) => ErrorCode::Unauthorized,
            AppError::ChallengeFailed(_) => ErrorCode::BadRequest,
            AppError::Forbidden(_) => ErrorCode::Forbidden,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::TooLarge(_) => ErrorCode::TooLarge,
            AppError::RangeNotSatisfiable { .. } => ErrorCode::RangeNotSatisfiable,
            AppError::InsufficientStorage(_) => ErrorCode::InsufficientStorage,
            AppError::Unavailable(_) => ErrorCode::Unavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl WireError {
    /// How `e` goes out.
    pub fn of(e: &AppError) -> Self {
        let retry_after = match e {
            AppError::RateLimited { retry_after } => {
                let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                Some(secs.max(1))
            }
            _ => None,
        };
        let file_size = match e {
            AppError::RangeNotSatisfiable { size } => Some(*size),
            _ => None,
        };
        let code = ErrorCode::of(e);
        Self {
            code,
            message: message(code, e),
            retry_after,
            file_size,
            challenge_required: matches!(
                e,
                AppError::ChallengeRequired(_) | AppError::ChallengeFailed(_)
            ),
        }
    }

    /// Its HTTP status.
    pub fn status(&self) -> u16 {
        self.code.status()
    }

    /// The body of its HTTP answer.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message.clone(),
                challenge_required: self.challenge_required,
            },
        }
    }

    /// Its error frame, answering the client frame `req`.
    pub fn frame(&self, req: Option<&str>) -> ServerFrame {
        ServerFrame::Error {
            req: req.map(str::to_owned),
            code: self.code,
            message: self.message.clone(),
            retry_after: self.retry_after,
        }
    }
}

/// The message for people. A server error's own text names backends, queries and file
/// paths: it goes to the log under a fresh id, and the client gets a generic message
/// with that id, which an operator can look up.
fn message(code: ErrorCode, e: &AppError) -> String {
    let (AppError::Unavailable(detail) | AppError::Internal(detail)) = e else {
        return e.to_string();
    };
    let id = uuid::Uuid::new_v4().simple().to_string();
    let id = &id[..16];
    let what = if code == ErrorCode::Unavailable {
        tracing::warn!(error_id = id, detail = %detail, "answered 503 unavailable");
        "the service is unavailable for a moment, try again"
    } else {
        tracing::error!(error_id = id, detail = %detail, "answered 500 internal");
        "internal error"
    };
    format!("{what} (error id {id})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_its_code_and_status() {
        let cases = [
            (AppError::BadRequest("x".into()), "bad_request", 400),
            (AppError::Unauthorized("x".into()), "unauthorized", 401),
            (AppError::Forbidden("x".into()), "forbidden", 403),
            (AppError::NotFound("x".into()), "not_found", 404),
            (AppError::Conflict("x".into()), "conflict", 409),
            (
                AppError::RateLimited {
                    retry_after: std::time::Duration::ZERO,
                },
                "rate_limited",
                429,
            ),
            (AppError::TooLarge("x".into()), "too_large", 413),
            (
                AppError::RangeNotSatisfiable { size: 3 },
                "range_not_satisfiable",
                416,
            ),
            (
                AppError::InsufficientStorage("x".into()),
                "insufficient_storage",
                507,
            ),
            (AppError::Unavailable("x".into()), "unavailable", 503),
            (AppError::Internal("x".into()), "internal", 500),
        ];
        for (e, code, status) in cases {
            let w = WireError::of(&e);
            assert_eq!((w.code.as_str(), w.status()), (code, status), "{e:?}");
        }
        let inside = AppError::Unavailable("read /var/lib/chat/meta/log.3: EIO".into());
        let wire = WireError::of(&inside);
        assert!(!wire.message.contains("/var/lib"), "{}", wire.message);
        assert!(wire.message.contains("error id "), "{}", wire.message);
        let internal = WireError::of(&AppError::Internal("mysql: syntax error".into()));
        assert!(!internal.message.contains("mysql"), "{}", internal.message);
        let zero = WireError::of(&AppError::RateLimited {
            retry_after: std::time::Duration::ZERO,
        });
        assert_eq!(
            zero.retry_after,
            Some(1),
            "never 0: a client would retry at once"
        );
    }
}
