//! `GET /api/v1/sync`: what changed in the caller's conversations since a cursor.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_protocol::http::SyncQuery;
use chat_protocol::server::sync_cursor;

use super::errors::{json, reject};
use super::extract::{authenticated, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    warp::get()
        .and(warp::path!("sync"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<SyncQuery>())
        .and_then(|edge: Edge, actor: Actor, q: SyncQuery| async move {
            let (since, limit) =
                sync_cursor::request(q.since.as_deref(), q.limit).map_err(reject)?;
            let answer = edge.app.sync(&actor, since, limit).await.map_err(reject)?;
            Ok::<_, Rejection>(json(StatusCode::OK, &sync_cursor::answer(&answer)))
        })
        .boxed()
}
