//! Followed threads over HTTP: the caller's list, follow and unfollow, the read cursor.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::ConversationId;
use chat_protocol::http::{FollowedThread, ReadRequest, ThreadList, ThreadsQuery};

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, parse_seq, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let list = warp::get()
        .and(warp::path!("threads"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<ThreadsQuery>())
        .and_then(|edge: Edge, actor: Actor, q: ThreadsQuery| async move {
            let threads = edge
                .app
                .followed_threads(&actor, q.into())
                .await
                .map_err(reject)?;
            let body = ThreadList {
                threads: threads.iter().map(FollowedThread::from).collect(),
            };
            Ok::<_, Rejection>(json(StatusCode::OK, &body))
        });
    let standing = warp::get()
        .and(warp::path!("conversations" / String / "threads" / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, root: String, edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let root = parse_seq(&root)?;
                let thread = edge
                    .app
                    .thread_standing(&actor, id, root)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &FollowedThread::from(&thread)))
            },
        );
    let follow = warp::path!("conversations" / String / "threads" / String / "follow")
        .map(|id, root| (id, root, true));
    let unfollow = warp::path!("conversations" / String / "threads" / String / "unfollow")
        .map(|id, root| (id, root, false));
    let choose = warp::post()
        .and(follow.or(unfollow).unify())
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |(id, root, follow): (String, String, bool), edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let root = parse_seq(&root)?;
                edge.app
                    .follow_thread(&actor, id, root, follow)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    let read = warp::post()
        .and(warp::path!(
            "conversations" / String / "threads" / String / "read"
        ))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<ReadRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, root: String, edge: Edge, actor: Actor, b: ReadRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let root = parse_seq(&root)?;
                edge.app
                    .read_thread(&actor, id, root, b.seq)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    list.or(standing)
        .unify()
        .or(read)
        .unify()
        .or(choose)
        .unify()
        .boxed()
}
