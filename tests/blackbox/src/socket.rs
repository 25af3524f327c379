//! A WebSocket client speaking the protocol's typed frames.

use std::collections::VecDeque;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use chat_protocol::ws::{ClientFrame, ClientRequest, ServerFrame};

use crate::Target;

const WAIT: Duration = Duration::from_secs(5);

/// One open socket.
pub struct Socket {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Frames read while waiting for a reply, kept for the next reads.
    backlog: VecDeque<ServerFrame>,
}

impl Target {
    /// A socket opened with `token` on the upgrade request; its `ready` frame read.
    pub async fn socket(&self, token: &str) -> (Socket, ServerFrame) {
        let mut req = self.ws_url().into_client_request().expect("a ws URL");
        let bearer = format!("Bearer {token}").parse().expect("a header value");
        req.headers_mut().insert("authorization", bearer);
        let (stream, _) = tokio_tungstenite::connect_async(req)
            .await
            .expect("the upgrade is accepted");
        let mut s = Socket::new(stream);
        let ready = s.next().await;
        (s, ready)
    }

    /// A socket opened without a token, as browsers do, authenticated by its first
    /// frame; its `ready` frame read.
    pub async fn socket_by_frame(&self, token: &str) -> (Socket, ServerFrame) {
        let (stream, _) = tokio_tungstenite::connect_async(self.ws_url())
            .await
            .expect("the upgrade is accepted");
        let mut s = Socket::new(stream);
        s.send(
            None,
            ClientRequest::Auth {
                token: token.into(),
            },
        )
        .await;
        let ready = s.next().await;
        (s, ready)
    }
}

impl Socket {
    /// A socket over an upgraded stream (nothing read yet).
    pub fn from_stream(stream: WebSocketStream<MaybeTlsStream<TcpStream>>) -> Self {
        Self::new(stream)
    }

    fn new(stream: WebSocketStream<MaybeTlsStream<TcpStream>>) -> Self {
        Self {
            stream,
            backlog: VecDeque::new(),
        }
    }

    /// Sends a frame.
    pub async fn send(&mut self, req: Option<&str>, request: ClientRequest) {
        let text = ClientFrame::new(req, request).encode();
        self.send_text(text).await;
    }

    /// Sends any text frame (for malformed ones).
    pub async fn send_text(&mut self, text: String) {
        self.stream
            .send(Message::Text(text.into()))
            .await
            .expect("the socket is open");
    }

    /// The next frame, failing after a few seconds.
    pub async fn next(&mut self) -> ServerFrame {
        if let Some(f) = self.backlog.pop_front() {
            return f;
        }
        self.read().await
    }

    async fn read(&mut self) -> ServerFrame {
        loop {
            let msg = tokio::time::timeout(WAIT, self.stream.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket is open")
                .expect("a valid frame");
            match msg {
                Message::Text(t) => {
                    return ServerFrame::decode(&t)
                        .unwrap_or_else(|e| panic!("not a server frame ({e}): {t}"))
                }
                Message::Ping(_) | Message::Pong(_) => continue,
                other => panic!("expected a text frame, got {other:?}"),
            }
        }
    }

    /// Sends `request` with `req` and returns the reply that carries it; frames that
    /// arrive meanwhile are kept for [`Socket::next`].
    pub async fn request(&mut self, request: ClientRequest, req: &str) -> ServerFrame {
        self.send(Some(req), request).await;
        loop {
            let f = self.read().await;
            if f.req() == Some(req) {
                return f;
            }
            self.backlog.push_back(f);
        }
    }

    /// The next frame for which `wanted` holds, skipping any other.
    pub async fn next_where(&mut self, wanted: impl Fn(&ServerFrame) -> bool) -> ServerFrame {
        loop {
            let f = self.next().await;
            if wanted(&f) {
                return f;
            }
        }
    }

    /// Reads until the server closes; its close code, if it sent one.
    pub async fn closed(&mut self) -> Option<u16> {
        loop {
            match tokio::time::timeout(WAIT, self.stream.next())
                .await
                .expect("closed within 5 s")
            {
                Some(Ok(Message::Close(frame))) => return frame.map(|f| u16::from(f.code)),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return None,
            }
        }
    }
}
