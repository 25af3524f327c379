use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::UserId;
use chat_protocol::objects::Presence;

use super::errors::{json, reject};
use super::extract::{authenticated, parse_id, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    warp::get()
        .and(warp::path!("presence"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::raw().or(warp::any().map(String::new)).unify())
        .and_then(|edge: Edge, actor: Actor, raw: String| async move {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&raw).map_err(|e| {
                reject(chat_app::AppError::BadRequest(format!(
                    "invalid query string: {e}"
                )))
            })?;
            let users = pairs
                .iter()
                .filter(|(k, _)| k == "user_id")
                .map(|(_, v)| parse_id::<UserId>(v, "user_id"))
                .collect::<Result<Vec<_>, _>>()?;
            let found = edge
                .app
                .get_presence(&actor, &users)
                .await
                .map_err(reject)?;
            let dtos: Vec<Presence> = found.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &dtos))
        })
        .boxed()
}
