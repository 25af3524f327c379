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
            let parts = |list: Vec<(&str, String)>| -> serde_json::Map<String, serde_json::Value> {
                list.into_iter()
                    .map(|(part, why)| (part.to_owned(), why.into()))
                    .collect()
            };
            let (code, body) = if !health.failing.is_empty() {
                let body = json!({"status": "unavailable", "failing": parts(health.failing)});
                (StatusCode::SERVICE_UNAVAILABLE, body)
            } else if !health.degraded.is_empty() {
                // Still serving this node's connections: stay in the load balancer.
                let body = json!({"status": "degraded", "degraded": parts(health.degraded)});
                (StatusCode::OK, body)
            } else {
                (StatusCode::OK, json!({"status": "ok"}))
            };
            Ok::<_, warp::Rejection>(json_response(code, &body))
        });
    let metrics = warp::get()
        .and(warp::path!("metrics"))
        .and(with_edge(edge))
        .map(|edge: Edge| {
            let mut text = edge.metrics.render();
            text.push_str(&format!(
                "# HELP chat_push_dropped_total Push notifications dropped: the gateway's queue was full.\n\
                 # TYPE chat_push_dropped_total counter\nchat_push_dropped_total {}\n",
                edge.app.push_dropped()
            ));
            let mut resp = text.into_response();
            resp.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4"),
            );
            resp
        });
    health.or(metrics).unify().boxed()
}
