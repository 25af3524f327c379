use std::time::Instant;

use http::StatusCode;
use serde::{Deserialize, Serialize};
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::{Actor, HistoryQuery, SendMessage};
use chat_domain::ids::ConversationId;

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, with_edge};
use crate::wire::MessageDto;
use crate::Edge;

#[derive(Deserialize)]
struct HistoryParams {
    before_seq: Option<u64>,
    after_seq: Option<u64>,
    limit: Option<u64>,
}

#[derive(Deserialize)]
struct Send {
    client_msg_id: String,
    kind: String,
    body: String,
    reply_to: Option<u64>,
    #[serde(default)]
    mentions: Vec<String>,
}

#[derive(Deserialize)]
struct Read {
    seq: u64,
}

#[derive(Serialize)]
pub(super) struct Page<'a> {
    pub(super) messages: Vec<MessageDto<'a>>,
}

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let history = warp::get()
        .and(warp::path!("conversations" / String / "messages"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<HistoryParams>())
        .and_then(
            |id: String, edge: Edge, actor: Actor, q: HistoryParams| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let query = HistoryQuery {
                    before_seq: q.before_seq,
                    after_seq: q.after_seq,
                    limit: q.limit,
                };
                let page = edge
                    .app
                    .get_history(&actor, id, query)
                    .await
                    .map_err(reject)?;
                let previews = edge.app.reply_previews(&page).await;
                let body = Page {
                    messages: MessageDto::page(&page, &previews),
                };
                Ok::<_, Rejection>(json(StatusCode::OK, &body))
            },
        );
    let send = warp::post()
        .and(warp::path!("conversations" / String / "messages"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<Send>(edge.config.max_body_bytes))
        .and_then(|id: String, edge: Edge, actor: Actor, b: Send| async move {
            let started = Instant::now();
            let id: ConversationId = parse_id(&id, "conversation id")?;
            let cmd = SendMessage {
                kind: b.kind,
                reply_to: b.reply_to,
                mentions: b.mentions,
                ..SendMessage::text(id, &b.client_msg_id, &b.body)
            };
            let sent = edge.app.send_message(&actor, cmd).await;
            edge.record_send(started, sent.as_ref().map(|s| s.created).ok());
            let sent = sent.map_err(reject)?;
            let status = if sent.created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok::<_, Rejection>(json(status, &MessageDto::from(&sent.message)))
        });
    let read = warp::post()
        .and(warp::path!("conversations" / String / "read"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<Read>(edge.config.max_body_bytes))
        .and_then(|id: String, edge: Edge, actor: Actor, b: Read| async move {
            let id: ConversationId = parse_id(&id, "conversation id")?;
            edge.app
                .mark_read(&actor, id, b.seq)
                .await
                .map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
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
