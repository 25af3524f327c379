use http::StatusCode;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::{Filter, Rejection};

use chat_app::Actor;
use chat_app::AppError;
use chat_protocol::http::{EndSessionsQuery, LoginRequest, Session, SessionInfo};

use super::errors::{json, no_content, reject};
use super::extract::{authenticated, client_addr, json_body, with_edge};
use crate::Edge;

pub fn routes(edge: &Edge) -> BoxedFilter<(Response,)> {
    let login = warp::post()
        .and(warp::path!("sessions"))
        .and(with_edge(edge))
        .and(client_addr(edge))
        .and(warp::header::optional::<String>("user-agent"))
        .and(json_body::<LoginRequest>(edge.config.max_body_bytes))
        .and_then(
            |edge: Edge, addr: String, agent: Option<String>, c: LoginRequest| async move {
                let mut cmd = c.command(Some(addr)).map_err(reject)?;
                cmd.user_agent = agent;
                let out = edge.app.login(cmd).await.map_err(reject)?;
                Ok::<_, Rejection>(json(StatusCode::OK, &Session::from(&out)))
            },
        );
    let logout = warp::delete()
        .and(warp::path!("sessions" / "current"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            edge.app.logout(&actor).await.map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
    let others = warp::delete()
        .and(warp::path!("sessions"))
        .and(warp::query::<EndSessionsQuery>())
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|q: EndSessionsQuery, edge: Edge, actor: Actor| async move {
            if !q.all_but_current {
                return Err(reject(AppError::BadRequest(
                    "say all_but_current=true to end your other sessions".into(),
                )));
            }
            edge.app.end_other_sessions(&actor).await.map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
    let list = warp::get()
        .and(warp::path!("sessions"))
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|edge: Edge, actor: Actor| async move {
            let sessions = edge.app.list_sessions(&actor).await.map_err(reject)?;
            let sessions: Vec<SessionInfo> = sessions.iter().map(Into::into).collect();
            Ok::<_, Rejection>(json(StatusCode::OK, &sessions))
        });
    let end = warp::delete()
        .and(warp::path!("sessions" / String))
        // `current` is logout's: its refusal must not fall through to here.
        .and_then(|id: String| async move {
            match id.as_str() {
                "current" => Err(warp::reject::not_found()),
                _ => Ok(id),
            }
        })
        .and(with_edge(edge))
        .and(authenticated(edge))
        .and_then(|id: String, edge: Edge, actor: Actor| async move {
            edge.app.end_session(&actor, &id).await.map_err(reject)?;
            Ok::<_, Rejection>(no_content())
        });
    login
        .or(logout)
        .unify()
        .or(others)
        .unify()
        .or(list)
        .unify()
        .or(end)
        .unify()
        .boxed()
}
