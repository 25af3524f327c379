//! Threads over HTTP: a thread's replies, paged as history.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::ConversationId;
use chat_protocol::http::{HistoryQuery, MessagePage};
use chat_protocol::objects::Message;

use super::errors::{json, reject};
use super::extract::{authenticated, parse_id, parse_seq, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let replies = warp::get()
        .and(warp::path!(
            "conversations" / String / "threads" / String / "messages"
        ))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<HistoryQuery>())
        .and_then(
            |id: String, root: String, edge: Edge, actor: Actor, q: HistoryQuery| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let root = parse_seq(&root)?;
                let page = edge
                    .app
                    .get_thread(&actor, id, root, q.into())
                    .await
                    .map_err(reject)?;
                let previews = edge.app.reply_previews(&page).await;
                let body = MessagePage {
                    messages: Message::page(&page, &previews),
                };
                Ok::<_, Rejection>(json(StatusCode::OK, &body))
            },
        );
    replies.boxed()
}
