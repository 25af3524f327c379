use http::header::{HeaderValue, CONTENT_TYPE};
use http::StatusCode;
use serde_json::json;
use warp::filters::BoxedFilter;
use warp::reply::{Reply, Response};
use warp::Filter;

use super::errors::json as json_response;
use super::extract::with_edge;
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let health = warp::get()
        .and(warp::path!("healthz"))
        .and(with_edge(edge))
        .and_then(|edge: Edge| async move {
            let health = edge.app.health().await;
            let (code, body) = if health.is_ok() {
                (StatusCode::OK, json!({"status": "ok"}))
            } else {
                let failing: serde_json::Map<_, _> = health
                    .failing
                    .into_iter()
                    .map(|(part, why)| (part.to_owned(), why.into()))
                    .collect();
                let body = json!({"status": "degraded", "failing": failing});
                (StatusCode::SERVICE_UNAVAILABLE, body)
            };
            Ok::<_, warp::Rejection>(json_response(code, &body))
        });
    let metrics = warp::get()
        .and(warp::path!("metrics"))
        .and(with_edge(edge))
        .map(|edge: Edge| {
            let mut resp = edge.metrics.render().into_response();
            resp.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4"),
            );
            resp
        });
    health.or(metrics).unify().boxed()
}
