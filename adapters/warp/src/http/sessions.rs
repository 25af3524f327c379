use chrono::{DateTime, Utc};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::{Actor, Login};
use chat_domain::ids::UserId;

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, client_ip, json_body, with_edge};
use crate::Edge;

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
}

#[derive(Serialize)]
struct SessionDto<'a> {
    token: &'a str,
    user_id: UserId,
    expires_at: DateTime<Utc>,
}

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let login = warp::post()
        .and(warp::path!("sessions"))
        .and(with_edge(edge))
        .and(client_ip(edge))
        .and(json_body::<Credentials>(edge.config.max_body_bytes))
        .and_then(
            |edge: Edge, ip: Option<std::net::IpAddr>, c: Credentials| async move {
                let cmd = Login {
                    client_addr: ip.map(|ip| ip.to_string()),
                    ..Login::new(&c.username, &c.password)
                };
                let out = edge.app.login(cmd).await.map_err(reject)?;
                let dto = SessionDto {
                    token: out.token.expose(),
                    user_id: out.user_id,
                    expires_at: out.expires_at,
                };
                Ok::<_, Rejection>(json(StatusCode::OK, &dto))
            },
        );
    let logout = warp::delete()
        .and(warp::path!("sessions" / "current"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            edge.app.logout(&actor).await.map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
    login.or(logout).unify().boxed()
}
