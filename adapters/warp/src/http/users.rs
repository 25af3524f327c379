use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::{Actor, AppError};
use chat_domain::ids::UserId;
use chat_protocol::http::RegisterRequest;
use chat_protocol::objects as wire;

use super::errors::{json, reject};
use super::extract::{authenticated, client_addr, json_body, parse_id, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let register = warp::post()
        .and(warp::path!("users"))
        .and(with_edge(edge))
        .and(client_addr(edge))
        .and(json_body::<RegisterRequest>(edge.config.max_body_bytes))
        .and_then(|edge: Edge, addr: String, b: RegisterRequest| async move {
            let cmd = b.command(Some(addr)).map_err(reject)?;
            let user = edge.app.register_user(cmd).await.map_err(reject)?;
            Ok::<_, Rejection>(json(StatusCode::CREATED, &wire::User::from(&user)))
        });
    let me = warp::get()
        .and(warp::path!("me"))
        .and(authenticated(edge))
        .map(|actor: Actor| json(StatusCode::OK, &wire::FullUser::from(&actor.user)));
    // `?query=prefix` searches; `?id=a&id=b` looks profiles up by id.
    let search = warp::get()
        .and(warp::path!("users"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::raw().or(warp::any().map(String::new)).unify())
        .and_then(|edge: Edge, actor: Actor, raw: String| async move {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&raw)
                .map_err(|e| reject(AppError::BadRequest(format!("invalid query string: {e}"))))?;
            let ids = pairs
                .iter()
                .filter(|(k, _)| k == "id")
                .map(|(_, v)| parse_id::<UserId>(v, "id"))
                .collect::<Result<Vec<_>, _>>()?;
            let users = if ids.is_empty() {
                let query = pairs
                    .iter()
                    .find_map(|(k, v)| (k == "query").then_some(v.as_str()))
                    .unwrap_or("");
                edge.app.search_users(&actor, query).await
            } else {
                edge.app.get_users(&actor, &ids).await
            }
            .map_err(reject)?;
            let dtos: Vec<wire::User> = users.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &dtos))
        });
    register.or(me).unify().or(search).unify().boxed()
}
