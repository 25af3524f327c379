//! Pinned messages over HTTP: pin, unpin, and the list.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::ConversationId;
use chat_protocol::http::{MessagePage, PinRequest};
use chat_protocol::objects::Message;

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, parse_seq, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let list = warp::get()
        .and(warp::path!("conversations" / String / "pins"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|id: String, edge: Edge, actor: Actor| async move {
            let id: ConversationId = parse_id(&id, "conversation id")?;
            let pinned = edge.app.pinned_messages(&actor, id).await.map_err(reject)?;
            let previews = edge.app.reply_previews(&pinned).await;
            let body = MessagePage {
                messages: Message::page(&pinned, &previews),
            };
            Ok::<_, Rejection>(json(StatusCode::OK, &body))
        });
    let pin = warp::post()
        .and(warp::path!("conversations" / String / "pins"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<PinRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, edge: Edge, actor: Actor, b: PinRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                edge.app
                    .pin_message(&actor, id, b.seq)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    let unpin = warp::delete()
        .and(warp::path!("conversations" / String / "pins" / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, seq: String, edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let seq = parse_seq(&seq)?;
                edge.app
                    .unpin_message(&actor, id, seq)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    list.or(pin).unify().or(unpin).unify().boxed()
}
