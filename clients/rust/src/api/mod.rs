//! The HTTP API of protocol v1, typed: one method per call, over `http://` or
//! `https://` (rustls).

use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::rt::TokioExecutor;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use chat_protocol::http::{
    AddMemberRequest, ChangesQuery, CreateConversation, EditRequest, HistoryQuery, LoginRequest,
    MessagePage, ReactRequest, ReadRequest, ReceivedRequest, RegisterRequest, SearchResults,
    SendRequest, Session, SyncAnswer,
};
use chat_protocol::objects::{ConversationDetail, ConversationSummary, Message, Presence, User};
use chat_protocol::ErrorBody;

use crate::ClientError;

mod sessions;
mod threads;
mod webhooks;

type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// How long one call may take before it fails as a transport error.
const CALL_TIMEOUT: Duration = Duration::from_secs(15);

/// The HTTP API of one server, as one user (or none, before logging in).
#[derive(Clone)]
pub struct Api {
    base: String,
    token: Option<String>,
    http: Hyper<Connector, Full<Bytes>>,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api").field("base", &self.base).finish()
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A history page's cursors and limit as query pairs (a thread page's too).
fn page_pairs(q: &HistoryQuery) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("before_seq", q.before_seq.map(|n| n.to_string())),
        ("after_seq", q.after_seq.map(|n| n.to_string())),
        ("limit", q.limit.map(|n| n.to_string())),
    ]
}

fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

impl Api {
    /// The API of the server at `base` (`http://host:port`, `https://host/prefix`).
    pub fn new(base: &str) -> Self {
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        Self {
            base: base.trim_end_matches('/').to_owned(),
            token: None,
            http: Hyper::builder(TokioExecutor::new()).build(connector),
        }
    }

    /// The same API, calling as the holder of `token`.
    pub fn with_token(&self, token: impl Into<String>) -> Self {
        Self {
            token: Some(token.into()),
            ..self.clone()
        }
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The bearer token calls carry, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + ?Sized)>,
    ) -> Result<T, ClientError> {
        let (status, bytes) = self.raw(method, path, body).await?;
        let bytes = if status == StatusCode::NO_CONTENT {
            Bytes::from_static(b"null")
        } else {
            bytes
        };
        serde_json::from_slice(&bytes).map_err(|e| {
            ClientError::Protocol(format!("{path}: {e}: {}", String::from_utf8_lossy(&bytes)))
        })
    }

    async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + ?Sized)>,
    ) -> Result<(StatusCode, Bytes), ClientError> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            req = req.header("authorization", format!("Bearer {token}"));
        }
        let payload = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Bytes::from(
                    serde_json::to_vec(b).map_err(|e| ClientError::Protocol(e.to_string()))?,
                )
            }
            None => Bytes::new(),
        };
        let req = req
            .body(Full::new(payload))
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        let answer = async {
            let resp = self
                .http
                .request(req)
                .await
                .map_err(|e| ClientError::Transport(e.to_string()))?;
            let status = resp.status();
            let retry_after = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            let bytes = resp
                .into_body()
                .collect()
                .await
                .map_err(|e| ClientError::Transport(e.to_string()))?
                .to_bytes();
            Ok::<_, ClientError>((status, bytes, retry_after))
        };
        let (status, bytes, retry_after) = tokio::time::timeout(CALL_TIMEOUT, answer)
            .await
            .map_err(|_| ClientError::Transport(format!("no answer within {CALL_TIMEOUT:?}")))??;
        if status.is_success() {
            return Ok((status, bytes));
        }
        match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(e) => Err(ClientError::Server {
                status: status.as_u16(),
                code: e.error.code,
                message: e.error.message,
                retry_after,
            }),
            Err(_) if status.is_server_error() || status == StatusCode::BAD_GATEWAY => Err(
                ClientError::Transport(format!("{status}: {}", String::from_utf8_lossy(&bytes))),
            ),
            Err(e) => Err(ClientError::Protocol(format!("{status}: {e}"))),
        }
    }

    /// `POST /api/v1/users`: signs up.
    pub async fn register(&self, body: &RegisterRequest) -> Result<User, ClientError> {
        self.call(Method::POST, "/api/v1/users", Some(body)).await
    }

    /// `POST /api/v1/sessions`: logs in; [`Api::with_token`] the answer's token.
    pub async fn login(&self, username: &str, password: &str) -> Result<Session, ClientError> {
        let body = LoginRequest {
            username: username.into(),
            password: password.into(),
            challenge: None,
        };
        self.call(Method::POST, "/api/v1/sessions", Some(&body))
            .await
    }

    /// `DELETE /api/v1/sessions/current`: logs out.
    pub async fn logout(&self) -> Result<(), ClientError> {
        self.call(Method::DELETE, "/api/v1/sessions/current", None::<&()>)
            .await
    }

    /// `GET /api/v1/me`.
    pub async fn me(&self) -> Result<User, ClientError> {
        self.call(Method::GET, "/api/v1/me", None::<&()>).await
    }

    /// `GET /api/v1/users?query=`: users by username prefix.
    pub async fn search_users(&self, prefix: &str) -> Result<Vec<User>, ClientError> {
        let q = query(&[("query", Some(prefix.to_owned()))]);
        self.call(Method::GET, &format!("/api/v1/users{q}"), None::<&()>)
            .await
    }

    /// `POST /api/v1/conversations`: a direct conversation or a group.
    pub async fn create_conversation(
        &self,
        body: &CreateConversation,
    ) -> Result<ConversationDetail, ClientError> {
        self.call(Method::POST, "/api/v1/conversations", Some(body))
            .await
    }

    /// `GET /api/v1/conversations`.
    pub async fn conversations(&self) -> Result<Vec<ConversationSummary>, ClientError> {
        self.call(Method::GET, "/api/v1/conversations", None::<&()>)
            .await
    }

    /// `GET /api/v1/conversations/{id}`.
    pub async fn conversation(&self, id: Uuid) -> Result<ConversationDetail, ClientError> {
        self.call(
            Method::GET,
            &format!("/api/v1/conversations/{id}"),
            None::<&()>,
        )
        .await
    }

    /// `POST /api/v1/conversations/{id}/members`.
    pub async fn add_member(&self, id: Uuid, user_id: Uuid) -> Result<(), ClientError> {
        let body = AddMemberRequest { user_id };
        self.call(
            Method::POST,
            &format!("/api/v1/conversations/{id}/members"),
            Some(&body),
        )
        .await
    }

    /// `DELETE /api/v1/conversations/{id}/members/{user_id}`: removes, or leaves.
    pub async fn remove_member(&self, id: Uuid, user_id: Uuid) -> Result<(), ClientError> {
        let path = format!("/api/v1/conversations/{id}/members/{user_id}");
        self.call(Method::DELETE, &path, None::<&()>).await
    }

    /// `GET /api/v1/conversations/{id}/messages`: a page of history.
    pub async fn history(&self, id: Uuid, q: &HistoryQuery) -> Result<Vec<Message>, ClientError> {
        let mut pairs = page_pairs(q);
        pairs.push(("top_level", q.top_level.map(|b| b.to_string())));
        let q = query(&pairs);
        let page: MessagePage = self
            .call(
                Method::GET,
                &format!("/api/v1/conversations/{id}/messages{q}"),
                None::<&()>,
            )
            .await?;
        Ok(page.messages)
    }

    /// `POST /api/v1/conversations/{id}/messages`: a send over HTTP (the sync engine
    /// sends over its socket).
    pub async fn send(&self, id: Uuid, body: &SendRequest) -> Result<Message, ClientError> {
        self.call(
            Method::POST,
            &format!("/api/v1/conversations/{id}/messages"),
            Some(body),
        )
        .await
    }

    /// `PATCH /api/v1/conversations/{id}/messages/{seq}`.
    pub async fn edit(&self, id: Uuid, seq: u64, body: &str) -> Result<Message, ClientError> {
        let body = EditRequest { body: body.into() };
        let path = format!("/api/v1/conversations/{id}/messages/{seq}");
        self.call(Method::PATCH, &path, Some(&body)).await
    }

    /// `DELETE /api/v1/conversations/{id}/messages/{seq}`: recalls one's own message; a
    /// group's owner or admin removes another's (the tombstone has `removed_by`).
    pub async fn recall(&self, id: Uuid, seq: u64) -> Result<Message, ClientError> {
        let path = format!("/api/v1/conversations/{id}/messages/{seq}");
        self.call(Method::DELETE, &path, None::<&()>).await
    }

    /// `POST /api/v1/conversations/{id}/messages/{seq}/reactions`.
    pub async fn react(
        &self,
        id: Uuid,
        seq: u64,
        emoji: &str,
        on: Option<bool>,
    ) -> Result<Message, ClientError> {
        let body = ReactRequest {
            emoji: emoji.into(),
            on,
        };
        let path = format!("/api/v1/conversations/{id}/messages/{seq}/reactions");
        self.call(Method::POST, &path, Some(&body)).await
    }

    /// `GET /api/v1/conversations/{id}/changes`: messages changed after a version.
    pub async fn changes(&self, id: Uuid, q: &ChangesQuery) -> Result<Vec<Message>, ClientError> {
        let q = query(&[
            ("after_version", Some(q.after_version.to_string())),
            ("limit", q.limit.map(|n| n.to_string())),
        ]);
        let page: MessagePage = self
            .call(
                Method::GET,
                &format!("/api/v1/conversations/{id}/changes{q}"),
                None::<&()>,
            )
            .await?;
        Ok(page.messages)
    }

    /// `POST /api/v1/conversations/{id}/read`.
    pub async fn read(&self, id: Uuid, seq: u64) -> Result<(), ClientError> {
        let body = ReadRequest { seq };
        self.call(
            Method::POST,
            &format!("/api/v1/conversations/{id}/read"),
            Some(&body),
        )
        .await
    }

    /// `POST /api/v1/conversations/{id}/received`.
    pub async fn received(&self, id: Uuid, seq: u64) -> Result<(), ClientError> {
        let body = ReceivedRequest { seq };
        let path = format!("/api/v1/conversations/{id}/received");
        self.call(Method::POST, &path, Some(&body)).await
    }

    /// `POST /api/v1/conversations/{id}/mute` or `…/unmute`.
    pub async fn mute(&self, id: Uuid, muted: bool) -> Result<(), ClientError> {
        let verb = if muted { "mute" } else { "unmute" };
        self.call(
            Method::POST,
            &format!("/api/v1/conversations/{id}/{verb}"),
            Some(&()),
        )
        .await
    }

    /// `GET /api/v1/sync`: what changed since `since` (everything without it).
    pub async fn sync(
        &self,
        since: Option<&str>,
        limit: Option<u64>,
    ) -> Result<SyncAnswer, ClientError> {
        let q = query(&[
            ("since", since.map(str::to_owned)),
            ("limit", limit.map(|n| n.to_string())),
        ]);
        self.call(Method::GET, &format!("/api/v1/sync{q}"), None::<&()>)
            .await
    }

    /// `GET /api/v1/search`: messages containing `q`, newest first.
    pub async fn search(
        &self,
        q: &str,
        before: Option<&str>,
    ) -> Result<SearchResults, ClientError> {
        let q = query(&[
            ("q", Some(q.to_owned())),
            ("before", before.map(str::to_owned)),
        ]);
        self.call(Method::GET, &format!("/api/v1/search{q}"), None::<&()>)
            .await
    }

    /// `GET /api/v1/presence`: the named users' presence (those the caller may see).
    pub async fn presence(&self, ids: &[Uuid]) -> Result<Vec<Presence>, ClientError> {
        let q: Vec<String> = ids.iter().map(|id| format!("user_id={id}")).collect();
        self.call(
            Method::GET,
            &format!("/api/v1/presence?{}", q.join("&")),
            None::<&()>,
        )
        .await
    }
}
