//! `GET /api/v1/search`: messages containing a text, from the caller's conversations.

use http::StatusCode;
use serde::{Deserialize, Serialize};
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::{Actor, SearchMessages};
use chat_domain::ids::ConversationId;

use super::errors::{json, reject};
use super::extract::{authenticated, parse_id, with_edge};
use crate::wire::MessageDto;
use crate::Edge;

#[derive(Deserialize)]
struct Params {
    q: String,
    conversation_id: Option<String>,
    before: Option<String>,
    limit: Option<u64>,
}

#[derive(Serialize)]
struct Results<'a> {
    messages: Vec<MessageDto<'a>>,
    next: Option<String>,
    partial: bool,
}

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    warp::get()
        .and(warp::path!("search"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<Params>())
        .and_then(|edge: Edge, actor: Actor, p: Params| async move {
            let conversation_id: Option<ConversationId> = p
                .conversation_id
                .as_deref()
                .map(|id| parse_id(id, "conversation_id"))
                .transpose()?;
            let cmd = SearchMessages {
                q: p.q,
                conversation_id,
                before: p.before,
                limit: p.limit,
            };
            let page = edge
                .app
                .search_messages(&actor, cmd)
                .await
                .map_err(reject)?;
            let body = Results {
                messages: page.messages.iter().map(Into::into).collect(),
                next: page.next.map(|c| c.encode()),
                partial: page.partial,
            };
            Ok::<_, Rejection>(json(StatusCode::OK, &body))
        })
        .boxed()
}
