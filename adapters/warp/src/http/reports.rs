//! Moderation: members report messages; admins list the queue, settle reports and
//! remove any message.

use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_domain::ids::{ConversationId, ReportId};
use chat_protocol::http::{
    ReportCreated, ReportInfo, ReportRequest, ReportStatus, ReportsQuery, ResolveRequest,
};
use chat_protocol::objects::Message;

use super::errors::{json, reject};
use super::extract::{authenticated, json_body, parse_id, parse_seq, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let report = warp::post()
        .and(warp::path!("reports"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<ReportRequest>(edge.config.max_body_bytes))
        .and_then(|edge: Edge, actor: Actor, b: ReportRequest| async move {
            let conversation = ConversationId::from_uuid(b.conversation_id);
            let id = edge
                .app
                .report_message(&actor, conversation, b.seq, &b.reason)
                .await
                .map_err(reject)?;
            let body = ReportCreated { id: *id.as_uuid() };
            Ok::<_, Rejection>(json(StatusCode::CREATED, &body))
        });
    let list = warp::get()
        .and(warp::path!("admin" / "reports"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(warp::query::<ReportsQuery>())
        .and_then(|edge: Edge, actor: Actor, q: ReportsQuery| async move {
            let resolved = q.status == ReportStatus::Resolved;
            let after = q.after.map(ReportId::from_uuid);
            let views = edge
                .app
                .list_reports(&actor, resolved, after, q.limit.unwrap_or(100))
                .await
                .map_err(reject)?;
            let reports: Vec<ReportInfo> = views.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &reports))
        });
    let resolve = warp::post()
        .and(warp::path!("admin" / "reports" / String / "resolve"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and(json_body::<ResolveRequest>(edge.config.max_body_bytes))
        .and_then(
            |id: String, edge: Edge, actor: Actor, b: ResolveRequest| async move {
                let id: ReportId = parse_id(&id, "report id")?;
                let view = edge
                    .app
                    .resolve_report(&actor, id, b.action.into())
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &ReportInfo::from(&view)))
            },
        );
    let remove = warp::delete()
        .and(warp::path!(
            "admin" / "conversations" / String / "messages" / String
        ))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(
            |id: String, seq: String, edge: Edge, actor: Actor| async move {
                let id: ConversationId = parse_id(&id, "conversation id")?;
                let seq = parse_seq(&seq)?;
                let m = edge
                    .app
                    .admin_remove_message(&actor, id, seq)
                    .await
                    .map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &Message::from(&m)))
            },
        );
    report
        .or(list)
        .unify()
        .or(resolve)
        .unify()
        .or(remove)
        .unify()
        .boxed()
}
