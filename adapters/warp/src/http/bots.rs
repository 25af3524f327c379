//! Bots, for admins: made with a token that lasts until revoked; the token renewed or
//! revoked.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::admin::CreateBot;
use chat_app::Actor;
use chat_domain::ids::UserId;
use chat_protocol::http::{BotCreated, BotToken, CreateBotRequest};

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let create = warp::post()
        .and(warp::path!("admin" / "bots"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<CreateBotRequest>(edge.config.max_body_bytes))
        .and_then(|edge: Edge, actor: Actor, b: CreateBotRequest| async move {
            let cmd = CreateBot {
                username: b.username,
                display_name: b.display_name,
            };
            let (bot, token) = edge.app.create_bot(&actor, cmd).await.map_err(reject)?;
            let body = BotCreated {
                user: (&bot).into(),
                token: token.expose().to_owned(),
            };
            Ok::<_, Rejection>(json(StatusCode::CREATED, &body))
        });
    let renew = warp::post()
        .and(warp::path!("admin" / "bots" / String / "token"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|id: String, edge: Edge, actor: Actor| async move {
            let id: UserId = parse_id(&id, "bot id")?;
            let token = edge.app.renew_bot_token(&actor, id).await.map_err(reject)?;
            let body = BotToken {
                token: token.expose().to_owned(),
            };
            Ok::<_, Rejection>(json(StatusCode::CREATED, &body))
        });
    let revoke = warp::delete()
        .and(warp::path!("admin" / "bots" / String / "token"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|id: String, edge: Edge, actor: Actor| async move {
            let id: UserId = parse_id(&id, "bot id")?;
            edge.app
                .revoke_bot_token(&actor, id)
                .await
                .map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
    create.or(renew).unify().or(revoke).unify().boxed()
}
