use http::StatusCode;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::{Actor, CreateGroup};
use chat_domain::ids::{ConversationId, UserId};

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, json_body, parse_id, with_edge};
use crate::wire::{DetailDto, SummaryDto};
use crate::Edge;

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Create {
    Direct {
        peer_id: String,
    },
    Group {
        title: String,
        #[serde(default)]
        member_ids: Vec<String>,
    },
}

#[derive(Deserialize)]
struct AddMember {
    user_id: String,
}

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let create = warp::post()
        .and(warp::path!("conversations"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<Create>(edge.config.max_body_bytes))
        .and_then(|edge: Edge, actor: Actor, body: Create| async move {
            let (detail, created) = match body {
                Create::Direct { peer_id } => {
                    let peer: UserId = parse_id(&peer_id, "peer_id")?;
                    edge.app
                        .create_direct_conversation(&actor, peer)
                        .await
                        .map_err(reject)?
                }
                Create::Group { title, member_ids } => {
                    let member_ids = member_ids
                        .iter()
                        .map(|id| parse_id::<UserId>(id, "member_ids entry"))
                        .collect::<Result<Vec<_>, _>>()?;
                    let cmd = CreateGroup { title, member_ids };
                    (
                        edge.app.create_group(&actor, cmd).await.map_err(reject)?,
                        true,
                    )
                }
            };
            let status = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok::<_, Rejection>(json(status, &DetailDto::from(&detail)))
        });
    let list = warp::get()
        .and(warp::path!("conversations"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            let list = edge.app.list_conversations(&actor).await.map_err(reject)?;
            let dtos: Vec<SummaryDto> = list.iter().map(Into::into).collect();
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
            Ok::<_, Rejection>(json(StatusCode::OK, &DetailDto::from(&detail)))
        });
    let add = warp::post()
        .and(warp::path!("conversations" / String / "members"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<AddMember>(edge.config.max_body_bytes))
        .and_then(
            |id: String, edge: Edge, actor: Actor, body: AddMember| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let user: UserId = parse_id(&body.user_id, "user_id")?;
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
