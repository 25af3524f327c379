use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::{ConversationId, UserId};
use chat_protocol::http::{AddMemberRequest, CreateConversation};
use chat_protocol::objects::{ConversationDetail, ConversationSummary};
use chat_protocol::server::commands::Create;

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let create = warp::post()
        .and(warp::path!("conversations"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<CreateConversation>(edge.config.max_body_bytes))
        .and_then(
            |edge: Edge, actor: Actor, body: CreateConversation| async move {
                let (detail, created) = match Create::from(body) {
                    Create::Direct(peer) => edge
                        .app
                        .create_direct_conversation(&actor, peer)
                        .await
                        .map_err(reject)?,
                    Create::Group(cmd) => (
                        edge.app.create_group(&actor, cmd).await.map_err(reject)?,
                        true,
                    ),
                };
                let status = if created {
                    StatusCode::CREATED
                } else {
                    StatusCode::OK
                };
                Ok::<_, Rejection>(json(status, &ConversationDetail::from(&detail)))
            },
        );
    let list = warp::get()
        .and(warp::path!("conversations"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            let list = edge.app.list_conversations(&actor).await.map_err(reject)?;
            let dtos: Vec<ConversationSummary> = list.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &dtos))
        });
    let get = warp::get()
        .and(warp::path!("conversations" / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|id: String, edge: Edge, actor: Actor| async move {
            let id: ConversationId = parse_id(&id, "conversation id")?;
            let detail = edge
                .app
                .get_conversation(&actor, id)
                .await
                .map_err(reject)?;
            Ok::<_, Rejection>(json(StatusCode::OK, &ConversationDetail::from(&detail)))
        });
    let add = warp::post()
        .and(warp::path!("conversations" / String / "members"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<AddMemberRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, edge: Edge, actor: Actor, body: AddMemberRequest| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let user = UserId::from_uuid(body.user_id);
                edge.app
                    .add_member(&actor, id, user)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    let remove = warp::delete()
        .and(warp::path!("conversations" / String / "members" / String))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, user: String, edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let user: UserId = parse_id(&user, "user id")?;
                edge.app
                    .remove_member(&actor, id, user)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(no_content())
            },
        );
    create
        .or(list)
        .unify()
        .or(get)
        .unify()
        .or(add)
        .unify()
        .or(remove)
        .unify()
        .boxed()
}
