//! `GET /api/v1/openapi.json`: the OpenAPI document of this API, generated from the
//! protocol's types once per process.

use std::sync::OnceLock;

use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use warp::filters::BoxedFilter;
use warp::reply::{Reply, Response};
use warp::Filter;

pub fn routes() -> BoxedFilter<(Response,)> {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    warp::get()
        .and(warp::path!("openapi.json"))
        .map(|| {
            let text = DOCUMENT.get_or_init(chat_protocol::openapi::json).clone();
            let mut resp = text.into_response();
            let h = resp.headers_mut();
            h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            h.insert(
                CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            resp
        })
        .boxed()
}
