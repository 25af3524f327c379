//! The one place where errors become wire errors: [`AppError::code`] to an HTTP status
//! and the `{"error":{"code","message"}}` body; warp's own rejections likewise.

use std::convert::Infallible;
use std::sync::Arc;

use http::header::{HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use http::StatusCode;
use serde::Serialize;
use warp::reject::Reject;
use warp::reply::{Reply, Response};
use warp::Rejection;

use chat_app::AppError;

use crate::wire::to_json;
use crate::Metrics;

/// An [`AppError`] carried through warp as a rejection.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl Reject for ApiError {}

/// Rejects with `e`.
pub fn reject(e: AppError) -> Rejection {
    warp::reject::custom(ApiError(e))
}

/// The HTTP status of an error code.
pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
        AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::RangeNotSatisfiable { .. } => StatusCode::RANGE_NOT_SATISFIABLE,
        AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: String,
}

/// The response for an error, with `Retry-After` when rate limited.
pub fn error_response(e: &AppError) -> Response {
    let body = Body {
        error: Inner {
            code: e.code(),
            message: e.to_string(),
        },
    };
    let mut resp = json(status_of(e), &body);
    if let AppError::RangeNotSatisfiable { size } = e {
        if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
            resp.headers_mut().insert(http::header::CONTENT_RANGE, v);
        }
    }
    if let Some(secs) = e.retry_after_secs() {
        resp.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

/// A JSON response.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let mut resp = to_json(value).into_response();
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// An empty 204.
pub fn no_content() -> Response {
    warp::reply::with_status(warp::reply(), StatusCode::NO_CONTENT).into_response()
}

/// Turns any rejection into its documented JSON error.
pub async fn recover(r: Rejection, metrics: Arc<Metrics>) -> Result<Response, Infallible> {
    let e = if let Some(ApiError(e)) = r.find::<ApiError>() {
        e.clone()
    } else if r.find::<warp::reject::PayloadTooLarge>().is_some() {
        AppError::TooLarge("request body too large".into())
    } else if r.find::<warp::reject::LengthRequired>().is_some() {
        AppError::BadRequest("a Content-Length header is required".into())
    } else if let Some(q) = r.find::<warp::reject::InvalidQuery>() {
        AppError::BadRequest(format!("invalid query string: {q}"))
    } else if r.find::<warp::reject::MissingHeader>().is_some()
        || r.find::<warp::reject::InvalidHeader>().is_some()
    {
        AppError::BadRequest("a required header is missing or malformed".into())
    } else if r.is_not_found() || r.find::<warp::reject::MethodNotAllowed>().is_some() {
        AppError::NotFound("no such route".into())
    } else {
        tracing::warn!(rejection = ?r, "unhandled rejection");
        AppError::BadRequest("bad request".into())
    };
    metrics.error(e.code());
    Ok(error_response(&e))
}
