//! `GET /api/v1/search`: messages containing a text, from the caller's conversations.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_protocol::http::{SearchQuery, SearchResults};

use super::errors::{json, reject};
use super::extract::{authenticated, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    warp::get()
        .and(warp::path!("search"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<SearchQuery>())
        .and_then(|edge: Edge, actor: Actor, q: SearchQuery| async move {
            let cmd = q.command().map_err(reject)?;
            let page = edge
                .app
                .search_messages(&actor, cmd)
                .await
                .map_err(reject)?;
            Ok::<_, Rejection>(json(StatusCode::OK, &SearchResults::from(&page)))
        })
        .boxed()
}
