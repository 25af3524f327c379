//! A server on an ephemeral port, and real HTTP and WebSocket clients for it.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use chat_app::{ChatApp, RegisterUser};
use chat_domain::entities::UserRole;
use chat_protocol::ws::{ClientFrame, ClientRequest};
use chat_server::Config;

pub const PW: &str = "correct horse battery";
const WAIT: Duration = Duration::from_secs(5);

pub struct Server {
    pub addr: SocketAddr,
    pub app: ChatApp,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    http: HttpClient<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    /// The data directory made for this server, removed when it stops; None
    /// when the test chose its own.
    scratch: Option<std::path::PathBuf>,
}

impl Server {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(tune: impl FnOnce(&mut Config)) -> Self {
        let mut config = Config::with_addr("127.0.0.1:0".parse().unwrap());
        config.chat.ping_interval = Duration::from_secs(30);
        config.store = chat_server::Store::Memory;
        // Stores on disk (uploads next to a SQL store, too) write under a
        // directory of this server's own, never into the working tree.
        let scratch = std::env::temp_dir().join(format!("chat-e2e-{}", uuid::Uuid::new_v4()));
        config.data_dir = scratch.clone();
        tune(&mut config);
        let scratch = (config.data_dir == scratch).then_some(scratch);
        let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let node = chat_server::build(&config).await.unwrap();
        let app = node.app.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            chat_server::serve_node(node, &config, listener, async {
                let _ = stopped.await;
            })
            .await;
        });
        let http = HttpClient::builder(TokioExecutor::new()).build_http();
        Self {
            addr,
            app,
            stop: Some(stop),
            task: Some(task),
            http,
            scratch,
        }
    }

    /// Stops the server and waits for it to finish.
    pub async fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(Duration::from_secs(10), task)
                .await
                .expect("server stops")
                .unwrap();
        }
    }

    /// The data directory this server made for itself.
    pub fn data_dir(&self) -> &std::path::Path {
        self.scratch
            .as_deref()
            .expect("a server with a scratch directory")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// An HTTP call; the body is sent as JSON when given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let mut b = Request::builder().method(method).uri(self.url(path));
        if let Some(t) = token {
            b = b.header("authorization", format!("Bearer {t}"));
        }
        let body = match body {
            Some(v) => {
                b = b.header("content-type", "application/json");
                Bytes::from(v.to_string())
            }
            None => Bytes::new(),
        };
        self.raw(b.body(Full::new(body)).unwrap()).await
    }

    /// Sends `req`; the answer is checked against the OpenAPI document.
    pub async fn raw(&self, req: Request<Full<Bytes>>) -> Resp {
        let (method, path) = (req.method().clone(), req.uri().path().to_owned());
        let resp = self.http.request(req).await.expect("http request");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        chat_blackbox::openapi::check(method.as_str(), &path, status.as_u16(), &bytes);
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            json,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// Registers and logs in a user.
    pub async fn user(&self, name: &str) -> User {
        let r = self
            .post(
                "/api/v1/users",
                None,
                json!({"username": name, "password": PW}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        self.login(name).await
    }

    pub async fn login(&self, name: &str) -> User {
        let r = self
            .post(
                "/api/v1/sessions",
                None,
                json!({"username": name, "password": PW}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        User {
            id: r.json["user_id"].as_str().unwrap().to_owned(),
            token: r.json["token"].as_str().unwrap().to_owned(),
            name: name.to_owned(),
        }
    }

    /// Creates an admin through the core (as `chat-server create-admin` does) and logs in.
    pub async fn admin(&self, name: &str) -> User {
        let cmd = RegisterUser {
            role: UserRole::Admin,
            by_host: true,
            ..RegisterUser::new(name, PW)
        };
        self.app.register_user(cmd).await.unwrap();
        self.login(name).await
    }

    /// A direct conversation in which both have sent a message: each then sees the
    /// other's presence.
    pub async fn acquainted(&self, a: &User, b: &User) -> String {
        let dm = self.direct(a, b).await;
        for (i, who) in [a, b].into_iter().enumerate() {
            let body =
                json!({"client_msg_id": format!("hello-{i}"), "kind": "text", "body": "hello"});
            let path = format!("/api/v1/conversations/{dm}/messages");
            let r = self.post(&path, Some(&who.token), body).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        dm
    }

    pub async fn direct(&self, a: &User, b: &User) -> String {
        let r = self
            .post(
                "/api/v1/conversations",
                Some(&a.token),
                json!({"kind": "direct", "peer_id": b.id}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        r.json["id"].as_str().unwrap().to_owned()
    }

    pub async fn group(&self, owner: &User, title: &str, members: &[&User]) -> String {
        let ids: Vec<_> = members.iter().map(|u| u.id.clone()).collect();
        let r = self
            .post(
                "/api/v1/conversations",
                Some(&owner.token),
                json!({"kind": "group", "title": title, "member_ids": ids}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        r.json["id"].as_str().unwrap().to_owned()
    }

    /// Opens a WebSocket for `user` and reads the `ready` frame.
    pub async fn ws(&self, user: &User) -> Ws {
        let mut req = format!("ws://{}/ws", self.addr)
            .into_client_request()
            .unwrap();
        req.headers_mut().insert(
            "authorization",
            format!("Bearer {}", user.token).parse().unwrap(),
        );
        let (stream, _) = tokio_tungstenite::connect_async(req)
            .await
            .expect("ws connects");
        let mut ws = Ws {
            stream,
            backlog: Default::default(),
        };
        let ready = ws.next().await;
        assert_eq!(ready["type"], "ready", "{ready}");
        assert_eq!(ready["user_id"], user.id.as_str());
        ws
    }

    /// Opens a WebSocket without a token (as a browser does): it still needs an `auth`
    /// frame.
    pub async fn ws_without_token(&self) -> Ws {
        let (stream, _) = tokio_tungstenite::connect_async(format!("ws://{}/ws", self.addr))
            .await
            .expect("the upgrade without a token is accepted");
        Ws {
            stream,
            backlog: Default::default(),
        }
    }

    /// Attempts an upgrade with the given extra headers and query; returns the HTTP status
    /// when refused.
    pub async fn ws_refused(&self, query: &str, headers: &[(&'static str, String)]) -> StatusCode {
        let status = self.ws_status(query, headers).await;
        assert_ne!(
            status,
            StatusCode::SWITCHING_PROTOCOLS,
            "the upgrade was accepted"
        );
        status
    }

    /// The status an upgrade with the given extra headers gets: 101 when accepted.
    pub async fn ws_status(&self, query: &str, headers: &[(&'static str, String)]) -> StatusCode {
        let mut req = format!("ws://{}/ws{}", self.addr, query)
            .into_client_request()
            .unwrap();
        for (k, v) in headers {
            req.headers_mut().insert(*k, v.parse().unwrap());
        }
        match tokio_tungstenite::connect_async(req).await {
            Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => resp.status(),
            Err(e) => panic!("unexpected error {e}"),
            Ok((_, resp)) => resp.status(),
        }
    }

    /// Uploads `text` as a file named `name`; its `file_id`.
    pub async fn upload_text(&self, user: &User, name: &str, text: &str) -> String {
        let req = Request::builder()
            .method(Method::POST)
            .uri(self.url(&format!("/api/v1/files?name={name}")))
            .header("authorization", format!("Bearer {}", user.token))
            .header("content-type", "text/plain")
            .body(Full::new(Bytes::from(text.to_owned())))
            .unwrap();
        let r = self.raw(req).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        r.json["file_id"].as_str().unwrap().to_owned()
    }

    pub async fn metric(&self, name: &str) -> f64 {
        let r = self.call(Method::GET, "/metrics", None, None).await;
        r.text
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
            .unwrap_or_else(|| panic!("no metric {name}"))
            .parse()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(dir) = self.scratch.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

pub struct User {
    pub id: String,
    pub token: String,
    pub name: String,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
    pub text: String,
    pub bytes: Bytes,
}

pub struct Ws {
    pub stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Frames read while waiting for a reply, kept for the next reads.
    backlog: std::collections::VecDeque<Value>,
}

impl Ws {
    /// Sends a frame: a typed client frame, or any JSON (for frames that must be
    /// malformed).
    pub async fn send(&mut self, frame: impl Outgoing) {
        self.stream
            .send(Message::Text(frame.into_value().to_string().into()))
            .await
            .unwrap();
    }

    /// Writes `frames` in one flush, so the server reads them together (a pipelined run).
    pub async fn pipeline(&mut self, frames: &[Value]) {
        for f in frames {
            self.stream
                .feed(Message::Text(f.to_string().into()))
                .await
                .unwrap();
        }
        self.stream.flush().await.unwrap();
    }

    /// The next JSON frame, failing after a few seconds.
    pub async fn next(&mut self) -> Value {
        if let Some(v) = self.backlog.pop_front() {
            return v;
        }
        self.read().await
    }

    async fn read(&mut self) -> Value {
        loop {
            let msg = tokio::time::timeout(WAIT, self.stream.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket is open")
                .expect("a valid frame");
            match msg {
                Message::Text(t) => return serde_json::from_str(&t).unwrap(),
                Message::Ping(_) | Message::Pong(_) => continue,
                other => panic!("expected a text frame, got {other:?}"),
            }
        }
    }

    /// The next frame of `ty`, skipping presence and typing noise of other kinds.
    pub async fn next_of(&mut self, ty: &str) -> Value {
        loop {
            let f = self.next().await;
            if f["type"] == ty {
                return f;
            }
            assert!(
                matches!(
                    f["type"].as_str(),
                    Some("presence" | "typing" | "receipt" | "member_added")
                ),
                "expected {ty}, got {f}"
            );
        }
    }

    /// The next frame whose type is one of `types`, skipping any other.
    pub async fn next_of_any(&mut self, types: &[&str]) -> Value {
        loop {
            let f = self.next().await;
            if types.iter().any(|t| f["type"] == *t) {
                return f;
            }
        }
    }

    /// Sends `frame` with `req` and returns the reply carrying it.
    pub async fn request(&mut self, frame: impl Outgoing, req: &str) -> Value {
        let mut frame = frame.into_value();
        frame["req"] = json!(req);
        self.send(frame).await;
        loop {
            let f = self.read().await;
            if f["req"] == req {
                return f;
            }
            self.backlog.push_back(f);
        }
    }

    /// Asserts nothing but pings arrives for `d`, other than frames of the ignored types.
    pub async fn silent_for(&mut self, d: Duration, ignoring: &[&str]) {
        for v in self.backlog.drain(..) {
            let ty = v["type"].as_str().unwrap_or("");
            assert!(ignoring.contains(&ty), "expected silence, got {v}");
        }
        let deadline = tokio::time::Instant::now() + d;
        loop {
            match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Err(_) => return,
                Ok(Some(Ok(Message::Text(t)))) => {
                    let v: Value = serde_json::from_str(&t).unwrap();
                    let ty = v["type"].as_str().unwrap_or("");
                    assert!(ignoring.contains(&ty), "expected silence, got {v}");
                }
                Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => {}
                Ok(other) => panic!("expected silence, got {other:?}"),
            }
        }
    }

    /// Reads until the server closes; returns its close frame, if it sent one.
    pub async fn closed(&mut self) -> Option<CloseFrame> {
        loop {
            match tokio::time::timeout(WAIT, self.stream.next())
                .await
                .expect("closed within 5 s")
            {
                Some(Ok(Message::Close(frame))) => return frame,
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return None,
            }
        }
    }
}

/// What a test sends on a socket: a typed client frame (`chat-protocol`'s, as clients
/// send them), or any JSON where a test must send what no client type can.
pub trait Outgoing {
    fn into_value(self) -> Value;
}

impl Outgoing for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl Outgoing for ClientRequest {
    fn into_value(self) -> Value {
        serde_json::to_value(ClientFrame::new(None, self)).expect("a frame serialises")
    }
}

/// Typed client frames, as clients send them.
pub mod frames {
    use chat_protocol::objects::MessageKind;
    use chat_protocol::ws::ClientRequest;

    fn uuid(id: &str) -> uuid::Uuid {
        id.parse().expect("a test's id is a UUID")
    }

    /// `send`: a text message.
    pub fn send(conversation: &str, client_msg_id: &str, body: &str) -> ClientRequest {
        ClientRequest::Send {
            conversation_id: uuid(conversation),
            client_msg_id: client_msg_id.into(),
            kind: MessageKind::Text,
            body: body.into(),
            reply_to: None,
            thread_root: None,
            forward: None,
            mentions: Vec::new(),
        }
    }

    /// `send`: a text reply in the thread of `root`.
    pub fn send_in_thread(
        conversation: &str,
        client_msg_id: &str,
        body: &str,
        root: u64,
    ) -> ClientRequest {
        let mut frame = send(conversation, client_msg_id, body);
        if let ClientRequest::Send { thread_root, .. } = &mut frame {
            *thread_root = Some(root);
        }
        frame
    }

    /// `send`: a forward of `seq` of `source`.
    pub fn forward(
        conversation: &str,
        client_msg_id: &str,
        source: &str,
        seq: u64,
    ) -> ClientRequest {
        let mut frame = send(conversation, client_msg_id, "");
        if let ClientRequest::Send { forward, .. } = &mut frame {
            *forward = Some(chat_protocol::objects::ForwardRequest {
                conversation_id: uuid(source),
                seq,
            });
        }
        frame
    }

    /// `send`: a text message answering `reply_to`.
    pub fn send_reply(
        conversation: &str,
        client_msg_id: &str,
        body: &str,
        reply_to: u64,
    ) -> ClientRequest {
        let mut frame = send(conversation, client_msg_id, body);
        if let ClientRequest::Send { reply_to: r, .. } = &mut frame {
            *r = Some(reply_to);
        }
        frame
    }

    pub fn read(conversation: &str, seq: u64) -> ClientRequest {
        ClientRequest::Read {
            conversation_id: uuid(conversation),
            seq,
        }
    }

    pub fn received(conversation: &str, seq: u64) -> ClientRequest {
        ClientRequest::Received {
            conversation_id: uuid(conversation),
            seq,
        }
    }

    pub fn typing(conversation: &str) -> ClientRequest {
        ClientRequest::Typing {
            conversation_id: uuid(conversation),
        }
    }

    pub fn edit(conversation: &str, seq: u64, body: &str) -> ClientRequest {
        ClientRequest::Edit {
            conversation_id: uuid(conversation),
            seq,
            body: body.into(),
        }
    }

    pub fn recall(conversation: &str, seq: u64) -> ClientRequest {
        ClientRequest::Recall {
            conversation_id: uuid(conversation),
            seq,
        }
    }

    pub fn react(conversation: &str, seq: u64, emoji: &str, on: Option<bool>) -> ClientRequest {
        ClientRequest::React {
            conversation_id: uuid(conversation),
            seq,
            emoji: emoji.into(),
            on,
        }
    }

    pub fn history(
        conversation: &str,
        before_seq: Option<u64>,
        after_seq: Option<u64>,
        limit: Option<u64>,
    ) -> ClientRequest {
        ClientRequest::History {
            conversation_id: uuid(conversation),
            before_seq,
            after_seq,
            limit,
            thread_root: None,
            top_level: None,
        }
    }

    /// `history` of the replies in the thread of `root`.
    pub fn thread_history(
        conversation: &str,
        root: u64,
        after_seq: Option<u64>,
        limit: Option<u64>,
    ) -> ClientRequest {
        let mut frame = history(conversation, None, after_seq, limit);
        if let ClientRequest::History { thread_root, .. } = &mut frame {
            *thread_root = Some(root);
        }
        frame
    }

    pub fn changes(conversation: &str, after_version: u64, limit: Option<u64>) -> ClientRequest {
        ClientRequest::Changes {
            conversation_id: uuid(conversation),
            after_version,
            limit,
        }
    }

    pub fn ping() -> ClientRequest {
        ClientRequest::Ping
    }

    pub fn auth(token: &str) -> ClientRequest {
        ClientRequest::Auth {
            token: token.into(),
        }
    }
}
