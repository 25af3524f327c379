//! The caller's blocks: list, block, unblock.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::UserId;
use chat_protocol::http::BlockRequest;
use chat_protocol::objects::User;

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let list = warp::get()
        .and(warp::path!("blocks"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            let users = edge.app.list_blocks(&actor).await.map_err(reject)?;
            let users: Vec<User> = users.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &users))
        });
    let block = warp::post()
        .and(warp::path!("blocks"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<BlockRequest>(edge.config.max_body_bytes))
        .and_then(|edge: Edge, actor: Actor, b: BlockRequest| async move {
            let user = UserId::from_uuid(b.user_id);
            edge.app.block_user(&actor, user).await.map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
    let unblock = warp::delete()
        .and(warp::path!("blocks" / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|id: String, edge: Edge, actor: Actor| async move {
            let user: UserId = parse_id(&id, "user id")?;
            edge.app.unblock_user(&actor, user).await.map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
    list.or(block).unify().or(unblock).unify().boxed()
}
