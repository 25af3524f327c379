use http::StatusCode;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::{Actor, AppError, RegisterUser};
use chat_domain::ids::UserId;

use super::errors::{json, reject};
use super::extract::{authenticated, client_ip, json_body, parse_id, with_edge};
use crate::wire::{FullUserDto, UserDto};
use crate::Edge;

#[derive(Deserialize)]
struct Register {
    username: String,
    password: String,
    display_name: Option<String>,
}

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let register = warp::post()
        .and(warp::path!("users"))
        .and(with_edge(edge))
        .and(client_ip(edge))
        .and(json_body::<Register>(edge.config.max_body_bytes))
        .and_then(
            |edge: Edge, ip: Option<std::net::IpAddr>, b: Register| async move {
                let cmd = RegisterUser {
                    display_name: b.display_name,
                    client_addr: ip.map(|ip| ip.to_string()),
                    ..RegisterUser::new(&b.username, &b.password)
                };
                let user = edge.app.register_user(cmd).await.map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::CREATED, &UserDto::from(&user)))
            },
        );
    let me = warp::get()
        .and(warp::path!("me"))
        .and(authenticated(edge))
        .map(|actor: Actor| json(StatusCode::OK, &FullUserDto::from(&actor.user)));
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
            let dtos: Vec<UserDto> = users.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &dtos))
        });
    register.or(me).unify().or(search).unify().boxed()
}
