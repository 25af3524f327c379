use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_protocol::objects as wire;

use super::errors::{json, reject};
use super::extract::with_edge;
use crate::Edge;

/// `GET /api/v1/challenge`: no token needed (it comes before one).
pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    warp::get()
        .and(warp::path!("challenge"))
        .and(with_edge(edge))
        .and_then(|edge: Edge| async move {
            let challenge = edge.app.challenge().await.map_err(reject)?;
            Ok::<_, Rejection>(json(StatusCode::OK, &wire::Challenge::from(challenge)))
        })
        .boxed()
}
