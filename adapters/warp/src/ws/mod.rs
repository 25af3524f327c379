//! The WebSocket endpoint `GET /ws`: the handshake (token, origin, connection limit) and
//! one task per connection.

mod connection;
mod origin;
mod reader;
mod sink;

use futures_util::{SinkExt, StreamExt};
use http::header::{self, HeaderValue};
use http::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::frame::{CloseFrame, Utf8Bytes};
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;
use warp::reply::{Reply, Response};

use chat_app::AppError;
use chat_domain::entities::PresenceStatus;
use chat_protocol::server::WireError;
use chat_protocol::ws::{decode, ClientRequest, Decoded};
use chat_protocol::ErrorCode;

use crate::edge::Slot;
use crate::http::errors::error_response;
use crate::http::extract::bearer;
use crate::Edge;

type Socket = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

/// Whether a request asks for a WebSocket upgrade on `path`.
pub fn is_upgrade<B>(req: &Request<B>, path: &str) -> bool {
    req.uri().path() == path
        && req
            .headers()
            .get(header::UPGRADE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Answers an upgrade request: 101 and a connection task, or the documented error.
///
/// A token on the request (header or `?token=`) is checked before the upgrade, so a bad
/// one gets its HTTP error. Without one (browsers, which cannot set headers and should not
/// put tokens in URLs that get logged) the socket is upgraded and its first frame must be
/// `{"type": "auth", "token"}` within ten seconds.
pub async fn upgrade<B>(edge: Edge, mut req: Request<B>) -> Response {
    let key = match check_handshake(&req) {
        Ok(key) => key,
        Err(e) => return reply_error(&edge, e),
    };
    if let Err(e) = origin::check(&edge, &req) {
        return reply_error(&edge, e);
    }
    let token = match token_of(&edge, &req) {
        Ok(token) => token,
        Err(e) => return reply_error(&edge, e),
    };
    let admitted = match token {
        Some(token) => match admit(&edge, token).await {
            Ok(a) => Some(a),
            Err(e) => return reply_error(&edge, e),
        },
        None => None,
    };

    let on_upgrade = hyper::upgrade::on(&mut req);
    let config = WebSocketConfig::default()
        .read_buffer_size(1024)
        .write_buffer_size(8 * 1024)
        .max_message_size(Some(edge.config.max_frame_bytes))
        .max_frame_size(Some(edge.config.max_frame_bytes));
    let guard = edge.track_connection();
    tokio::spawn(async move {
        let _guard = guard;
        let upgraded = match on_upgrade.await {
            Ok(u) => u,
            Err(e) => return tracing::debug!(error = %e, "websocket upgrade failed"),
        };
        // Boxed once here, so the stream is not held inline (and again, moved) in this
        // task's state for the life of the socket.
        let mut socket = Box::new(
            Box::pin(WebSocketStream::from_raw_socket(
                TokioIo::new(upgraded),
                Role::Server,
                Some(config),
            ))
            .await,
        );
        let admitted = match admitted {
            Some(a) => a,
            // Boxed, as the per-frame work in `connection` is: an idle socket's task then
            // holds only what waiting needs, not the largest future it ever awaits.
            None => match Box::pin(auth_frame(&edge, &mut socket)).await {
                Some(a) => a,
                None => return,
            },
        };
        let Admitted { actor, token, slot } = admitted;
        let _slot = slot;
        Box::pin(connection::serve(edge, actor, token, socket)).await;
    });

    let mut resp = warp::reply().into_response();
    *resp.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let h = resp.headers_mut();
    h.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    if let Ok(v) = HeaderValue::from_str(&derive_accept_key(key.as_bytes())) {
        h.insert(header::SEC_WEBSOCKET_ACCEPT, v);
    }
    resp
}

/// A user let in: their session, token and connection slot.
struct Admitted {
    actor: chat_app::Actor,
    token: String,
    slot: Slot,
}

/// Checks a token and the user's connection limit.
async fn admit(edge: &Edge, token: String) -> Result<Admitted, AppError> {
    let actor = edge.app.authenticate(&token).await?;
    // This node's connections are counted atomically; other nodes' through presence.
    let too_many = || AppError::RateLimited {
        retry_after: edge.config.ping_interval,
    };
    let slot = edge.claim_slot(actor.id()).ok_or_else(too_many)?;
    let presence = edge.app.get_presence(&actor, &[actor.id()]).await?;
    if presence.first().is_some_and(|p| {
        p.status == PresenceStatus::Online && p.connections >= edge.config.max_connections_per_user
    }) {
        return Err(too_many());
    }
    Ok(Admitted { actor, token, slot })
}

/// Waits for the `auth` frame of a socket opened without a token. On anything else, or
/// silence, the socket gets an error frame and is closed with 1008 (1013 when the user
/// holds too many connections).
async fn auth_frame(edge: &Edge, socket: &mut Socket) -> Option<Admitted> {
    let first = tokio::time::timeout(edge.config.header_read_timeout, socket.next()).await;
    let (req, result) = match first {
        Ok(Some(Ok(Message::Text(text)))) => match decode(&text) {
            Decoded {
                req,
                request: Ok(ClientRequest::Auth { token }),
            } => (req, admit(edge, token).await),
            _ => (
                None,
                Err(AppError::Unauthorized(
                    "the first frame must be {\"type\": \"auth\", \"token\"}".into(),
                )),
            ),
        },
        Err(_) => (None, Err(AppError::Unauthorized("no auth frame".into()))),
        Ok(_) => return None,
    };
    match result {
        Ok(a) => Some(a),
        Err(e) => {
            let wire = WireError::of(&e);
            edge.metrics.error(wire.code);
            let code = match e {
                AppError::RateLimited { .. } => CloseCode::Again,
                _ => CloseCode::Policy,
            };
            let frame = wire.frame(req.as_deref()).encode();
            let _ = socket.send(Message::text(frame)).await;
            let _ = socket
                .close(Some(CloseFrame {
                    code,
                    reason: Utf8Bytes::from_static("not authenticated"),
                }))
                .await;
            None
        }
    }
}

fn reply_error(edge: &Edge, e: AppError) -> Response {
    edge.metrics.error(ErrorCode::of(&e));
    error_response(&e)
}

fn check_handshake<B>(req: &Request<B>) -> Result<String, AppError> {
    let h = req.headers();
    let bad = |what: &str| AppError::BadRequest(format!("not a WebSocket handshake: {what}"));
    if req.method() != http::Method::GET {
        return Err(bad("method must be GET"));
    }
    let has_upgrade = h
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case("upgrade"));
    if !has_upgrade {
        return Err(bad("Connection must include upgrade"));
    }
    if h.get(header::SEC_WEBSOCKET_VERSION)
        .and_then(|v| v.to_str().ok())
        != Some("13")
    {
        return Err(bad("Sec-WebSocket-Version must be 13"));
    }
    h.get(header::SEC_WEBSOCKET_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| bad("Sec-WebSocket-Key is missing"))
}

/// The token of an upgrade request: `Authorization: Bearer`, else `?token=` (refused
/// when `allow_query_token` is off), else none.
fn token_of<B>(edge: &Edge, req: &Request<B>) -> Result<Option<String>, AppError> {
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if let Some(t) = bearer(header) {
        return Ok(Some(t.to_owned()));
    }
    let Some(query) = req.uri().query() else {
        return Ok(None);
    };
    let token = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find_map(|(k, v)| (k == "token").then_some(v))
        });
    if token.is_some() && !edge.config.allow_query_token {
        return Err(AppError::BadRequest(
            "tokens in URLs are turned off here: send Authorization: Bearer, or the auth frame"
                .into(),
        ));
    }
    Ok(token)
}
