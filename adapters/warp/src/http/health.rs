use http::header::{HeaderValue, CONTENT_TYPE};
use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::{Reply, Response};
use warp::Filter;

use chat_protocol::objects::Health;

use super::errors::json as json_response;
use super::extract::with_edge;
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let health = warp::get()
        .and(warp::path!("healthz"))
        .and(with_edge(edge))
        .and_then(|edge: Edge| async move {
            let (status, body) = Health::of(&edge.app.health().await);
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            Ok::<_, warp::Rejection>(json_response(status, &body))
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
            text.push_str(&format!(
                "# HELP chat_events_delivered_total Events the events receiver took from this node.\n\
                 # TYPE chat_events_delivered_total counter\nchat_events_delivered_total {}\n\
                 # HELP chat_events_dead_letters_total Events this node gave up after every attempt failed.\n\
                 # TYPE chat_events_dead_letters_total counter\nchat_events_dead_letters_total {}\n\
                 # HELP chat_events_lost_total Events this node could not queue, the store refusing them past what it holds in memory.\n\
                 # TYPE chat_events_lost_total counter\nchat_events_lost_total {}\n",
                edge.app.events_delivered(),
                edge.app.events_dead(),
                edge.app.events_lost()
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
