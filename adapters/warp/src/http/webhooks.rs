//! Incoming webhooks: a group's owners and admins make, list and delete them under
//! `/api/v1/conversations/{id}/webhooks`; anyone holding one's URL posts to
//! `/hooks/{token}` with no other credential.

use std::time::Instant;

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::{ConversationId, WebhookId};
use chat_protocol::http::{CreateWebhookRequest, HookPost, WebhookCreatedBody, WebhookInfo};

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, with_edge};
use super::messages::answer_send;
use crate::Edge;

/// The management calls, under `/api/v1`.
pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let create = warp::post()
        .and(warp::path!("conversations" / String / "webhooks"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<CreateWebhookRequest>(
            edge.config.max_body_bytes,
        ))
        .and_then(
            |id: String, edge: Edge, actor: Actor, b: CreateWebhookRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let made = edge
                    .app
                    .create_webhook(&actor, id, &b.name)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::CREATED, &WebhookCreatedBody::from(&made)))
            },
        );
    let list = warp::get()
        .and(warp::path!("conversations" / String / "webhooks"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|id: String, edge: Edge, actor: Actor| async move {
            let id: ConversationId = parse_id(&id, "conversation id")?;
            let hooks = edge.app.list_webhooks(&actor, id).await.map_err(reject)?;
            let hooks: Vec<WebhookInfo> = hooks.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &hooks))
        });
    let delete = warp::delete()
        .and(warp::path!("conversations" / String / "webhooks" / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, hook: String, edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let hook: WebhookId = parse_id(&hook, "webhook id")?;
                edge.app
                    .delete_webhook(&actor, id, hook)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    create.or(list).unify().or(delete).unify().boxed()
}

/// `POST /hooks/{token}`, at the top level beside `/api/v1`.
pub fn post(edge: &Edge) -> BoxedFilter<(Response,)> {
    warp::post()
        .and(warp::path!("hooks" / String))
        .and(with_edge(edge))
        .and(json_body::<HookPost>(edge.config.max_body_bytes))
        .and_then(|token: String, edge: Edge, b: HookPost| async move {
            let started = Instant::now();
            let sent = edge
                .app
                .post_by_webhook(&token, &b.body, b.client_msg_id)
                .await;
            answer_send(&edge, started, sent)
        })
        .boxed()
}
