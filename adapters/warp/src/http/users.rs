use http::StatusCode;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::{Actor, RegisterUser};

use super::errors::{json, reject};
use super::extract::{authenticated, client_ip, json_body, with_edge};
use crate::wire::{FullUserDto, UserDto};
use crate::Edge;

#[derive(Deserialize)]
struct Register {
    username: String,
    password: String,
    display_name: Option<String>,
}

#[derive(Deserialize)]
struct Search {
    #[serde(default)]
    query: String,
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
    let search = warp::get()
        .and(warp::path!("users"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<Search>())
        .and_then(|edge: Edge, actor: Actor, q: Search| async move {
            let users = edge
                .app
                .search_users(&actor, &q.query)
                .await
                .map_err(reject)?;
            let dtos: Vec<UserDto> = users.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &dtos))
        });
    register.or(me).unify().or(search).unify().boxed()
}
