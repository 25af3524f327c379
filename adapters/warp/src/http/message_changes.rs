//! Changing stored messages over HTTP: edit, recall, react; delivery reports; and the
//! change feed a returning client catches up with.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::ConversationId;
use chat_protocol::http::{ChangesQuery, EditRequest, MessagePage, ReactRequest, ReceivedRequest};
use chat_protocol::objects::Message;

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, parse_seq, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let one = || warp::path!("conversations" / String / "messages" / String);
    let edit = warp::patch()
        .and(one())
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<EditRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, seq: String, edge: Edge, actor: Actor, b: EditRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let seq = parse_seq(&seq)?;
                let m = edge
                    .app
                    .edit_message(&actor, id, seq, &b.body)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &Message::from(&m)))
            },
        );
    let recall = warp::delete()
        .and(one())
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, seq: String, edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let seq = parse_seq(&seq)?;
                let m = edge
                    .app
                    .recall_message(&actor, id, seq)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &Message::from(&m)))
            },
        );
    let react = warp::post()
        .and(warp::path!(
            "conversations" / String / "messages" / String / "reactions"
        ))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<ReactRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, seq: String, edge: Edge, actor: Actor, b: ReactRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let seq = parse_seq(&seq)?;
                let m = edge
                    .app
                    .react(&actor, id, seq, &b.emoji, b.on)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &Message::from(&m)))
            },
        );
    let received = warp::post()
        .and(warp::path!("conversations" / String / "received"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<ReceivedRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, edge: Edge, actor: Actor, b: ReceivedRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                edge.app
                    .mark_delivered(&actor, id, b.seq)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    let changes = warp::get()
        .and(warp::path!("conversations" / String / "changes"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<ChangesQuery>())
        .and_then(
            |id: String, edge: Edge, actor: Actor, q: ChangesQuery| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let changed = edge
                    .app
                    .get_changes(&actor, id, q.after_version, q.limit)
                    .await
                    .map_err(reject)?;
                let body = MessagePage {
                    messages: changed.iter().map(Into::into).collect(),
                };
                Ok::<_, Rejection>(json(StatusCode::OK, &body))
            },
        );
    edit.or(recall)
        .unify()
        .or(react)
        .unify()
        .or(received)
        .unify()
        .or(changes)
        .unify()
        .boxed()
}
