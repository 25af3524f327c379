use std::time::Instant;

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::ConversationId;
use chat_protocol::http::{HistoryQuery, MessagePage, ReadRequest, SendRequest};
use chat_protocol::objects::Message;

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let history = warp::get()
        .and(warp::path!("conversations" / String / "messages"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<HistoryQuery>())
        .and_then(
            |id: String, edge: Edge, actor: Actor, q: HistoryQuery| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let page = edge
                    .app
                    .get_history(&actor, id, q.into())
                    .await
                    .map_err(reject)?;
                let previews = edge.app.reply_previews(&page).await;
                let body = MessagePage {
                    messages: Message::page(&page, &previews),
                };
                Ok::<_, Rejection>(json(StatusCode::OK, &body))
            },
        );
    let send = warp::post()
        .and(warp::path!("conversations" / String / "messages"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<SendRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, edge: Edge, actor: Actor, b: SendRequest| async move {
                let started = Instant::now();
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let cmd = b.command(id).map_err(reject)?;
                let sent = edge.app.send_message(&actor, cmd).await;
                answer_send(&edge, started, sent)
            },
        );
    let read = warp::post()
        .and(warp::path!("conversations" / String / "read"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<ReadRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, edge: Edge, actor: Actor, b: ReadRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                edge.app
                    .mark_read(&actor, id, b.seq)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    let mute = warp::post()
        .and(warp::path!("conversations" / String / String))
        .and_then(|id: String, action: String| async move {
            match action.as_str() {
                "mute" => Ok((id, true)),
                "unmute" => Ok((id, false)),
                _ => Err(warp::reject::not_found()),
            }
        })
        .untuple_one()
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, muted: bool, edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                edge.app
                    .set_muted(&actor, id, muted)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    history
        .or(send)
        .unify()
        .or(read)
        .unify()
        .or(mute)
        .unify()
        .boxed()
}

/// A send's answer: 201 with the new message, 200 with the stored one for a retry; the
/// send counted in the metrics either way.
pub(super) fn answer_send(
    edge: &Edge,
    started: Instant,
    sent: Result<chat_app::Sent, chat_app::AppError>,
) -> Result<Response, Rejection> {
    edge.record_send(started, sent.as_ref().map(|s| s.created).ok());
    let sent = sent.map_err(reject)?;
    let status = if sent.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json(status, &Message::from(&sent.message)))
}
