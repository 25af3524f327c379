use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::UserId;
use chat_protocol::http::AdminUsersQuery;
use chat_protocol::objects::{FullUser, Stats};

use super::errors::{json, reject};
use super::extract::{authenticated, parse_id, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let list = warp::get()
        .and(warp::path!("admin" / "users"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<AdminUsersQuery>())
        .and_then(|edge: Edge, actor: Actor, q: AdminUsersQuery| async move {
            let users = edge
                .app
                .list_users(&actor, &q.query, q.after.as_deref(), q.limit.unwrap_or(50))
                .await
                .map_err(reject)?;
            let dtos: Vec<FullUser> = users.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &dtos))
        });
    let ban = warp::post()
        .and(warp::path!("admin" / "users" / String / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, action: String, edge: Edge, actor: Actor| async move {
                let banned = match action.as_str() {
                    "ban" => true,
                    "unban" => false,
                    _ => return Err(warp::reject::not_found()),
                };
                let id: UserId = parse_id(&id, "user id")?;
                let user = edge
                    .app
                    .set_banned(&actor, id, banned)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &FullUser::from(&user)))
            },
        );
    let stats = warp::get()
        .and(warp::path!("admin" / "stats"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            let stats = edge.app.stats(&actor).await.map_err(reject)?;
            Ok::<_, Rejection>(json(StatusCode::OK, &Stats::from(stats)))
        });
    list.or(ban).unify().or(stats).unify().boxed()
}
