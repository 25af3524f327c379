//! Errors as HTTP answers: an [`AppError`] goes out as [`WireError`] makes it (the one
//! mapping to the wire), warp's own rejections as the `AppError` they amount to.

use std::convert::Infallible;
use std::sync::Arc;

use http::header::{HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use http::StatusCode;
use serde::Serialize;

use chat_protocol::server::WireError;
use chat_protocol::{to_json, ErrorCode};
use warp::reject::Reject;
use warp::reply::{Reply, Response};
use warp::Rejection;

use chat_app::AppError;

use crate::Metrics;

/// An [`AppError`] carried through warp as a rejection.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl Reject for ApiError {}

/// Rejects with `e`.
pub fn reject(e: AppError) -> Rejection {
    warp::reject::custom(ApiError(e))
}

/// The response for an error, with `Retry-After` when rate limited and `Content-Range`
/// for a range outside the file.
pub fn error_response(e: &AppError) -> Response {
    let wire = WireError::of(e);
    let status = StatusCode::from_u16(wire.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = json(status, &wire.body());
    if let Some(size) = wire.file_size {
        if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
            resp.headers_mut().insert(http::header::CONTENT_RANGE, v);
        }
    }
    if let Some(secs) = wire.retry_after {
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
    let too_slow = crate::deadline::rejected(&r);
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
    } else if too_slow {
        AppError::BadRequest(crate::deadline::TOO_SLOW.into())
    } else {
        tracing::warn!(rejection = ?r, "unhandled rejection");
        AppError::BadRequest("bad request".into())
    };
    metrics.error(ErrorCode::of(&e));
    let resp = error_response(&e);
    Ok(if too_slow { closing(resp) } else { resp })
}

/// `resp` with `Connection: close`: for a request whose body never came whole, after
/// which the connection cannot carry another request.
pub fn closing(mut resp: Response) -> Response {
    resp.headers_mut()
        .insert(http::header::CONNECTION, HeaderValue::from_static("close"));
    resp
}
