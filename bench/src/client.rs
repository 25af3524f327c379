//! The tool's clients: set-up calls (accounts, conversations) through chat-client's typed
//! API, and raw WebSockets, lean enough to hold tens of thousands and timed frame by
//! frame (the sync engine's catch-up and outbox would blur what is measured).

use std::net::IpAddr;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde_json::Value;
use uuid::Uuid;

use chat_client::Api;
use chat_protocol::http::{CreateConversation, RegisterRequest};
use chat_protocol::objects::MessageKind;
use chat_protocol::ws::{ClientFrame, ClientRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

pub type Socket = WebSocketStream<TcpStream>;

const PASSWORD: &str = "bench-password-1";

/// A signed-in user.
#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub token: String,
}

/// One HTTP/1.1 request on a fresh connection; the JSON answer (null if none).
pub async fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> Result<(u16, Value), String> {
    let mut s = TcpStream::connect(addr)
        .await
        .map_err(|e| format!("connect {addr}: {e}"))?;
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut out = String::new();
    s.read_to_string(&mut out)
        .await
        .map_err(|e| e.to_string())?;
    let (head, json) = out.split_once("\r\n\r\n").ok_or("no HTTP answer")?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    Ok((status, serde_json::from_str(json).unwrap_or(Value::Null)))
}

/// Registers and signs in `n` users named after `run`, 8 at a time.
pub async fn users(addr: &str, run: &str, n: usize) -> Result<Vec<User>, String> {
    let mut out = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(8) {
        let signing: Vec<_> = chunk
            .iter()
            .map(|i| {
                let (addr, name) = (addr.to_owned(), format!("b{run}_{i}"));
                tokio::spawn(async move { user(&addr, &name).await })
            })
            .collect();
        for s in signing {
            out.push(s.await.map_err(|e| e.to_string())??);
        }
    }
    Ok(out)
}

async fn user(addr: &str, name: &str) -> Result<User, String> {
    let api = Api::new(&format!("http://{addr}"));
    let sign_up = RegisterRequest {
        username: name.into(),
        password: PASSWORD.into(),
        display_name: None,
        challenge: None,
    };
    api.register(&sign_up)
        .await
        .map_err(|e| format!("sign-up: {e} (raise CHAT_AUTH_RATE_LIMIT_MAX?)"))?;
    let session = api
        .login(name, PASSWORD)
        .await
        .map_err(|e| format!("login: {e}"))?;
    Ok(User {
        id: session.user_id.to_string(),
        token: session.token,
    })
}

fn uuid(id: &str) -> Result<Uuid, String> {
    id.parse().map_err(|e| format!("{id:?}: {e}"))
}

/// `body` created by `as_user`; its id.
async fn create(addr: &str, as_user: &User, body: &CreateConversation) -> Result<String, String> {
    let api = Api::new(&format!("http://{addr}")).with_token(as_user.token.clone());
    let created = api
        .create_conversation(body)
        .await
        .map_err(|e| format!("creating a conversation: {e}"))?;
    Ok(created.conversation.id.to_string())
}

/// A group of `owner` and `members`; its id.
pub async fn group(addr: &str, owner: &User, members: &[User]) -> Result<String, String> {
    let member_ids = members
        .iter()
        .map(|m| uuid(&m.id))
        .collect::<Result<_, _>>()?;
    let body = CreateConversation::Group {
        title: "bench".into(),
        member_ids,
    };
    create(addr, owner, &body).await
}

/// The direct conversation of `a` and `b`.
pub async fn direct(addr: &str, a: &User, b: &User) -> Result<String, String> {
    let body = CreateConversation::Direct {
        peer_id: uuid(&b.id)?,
    };
    create(addr, a, &body).await
}

/// An authenticated WebSocket (from `local`, to spread over source addresses), after its
/// `ready` frame. A small read buffer: the tool may hold tens of thousands.
pub async fn ws(addr: &str, token: &str, local: Option<IpAddr>) -> Result<Socket, String> {
    let stream = match local {
        Some(ip) => {
            let socket = TcpSocket::new_v4().map_err(|e| e.to_string())?;
            socket
                .bind((ip, 0).into())
                .map_err(|e| format!("bind {ip}: {e}"))?;
            let to = addr.parse().map_err(|e| format!("{addr}: {e}"))?;
            socket
                .connect(to)
                .await
                .map_err(|e| format!("connect: {e}"))?
        }
        None => TcpStream::connect(addr)
            .await
            .map_err(|e| format!("connect: {e}"))?,
    };
    let _ = stream.set_nodelay(true);
    let mut req = format!("ws://{addr}/ws")
        .into_client_request()
        .map_err(|e| e.to_string())?;
    let bearer = format!("Bearer {token}")
        .parse()
        .map_err(|_| "bad token".to_owned())?;
    req.headers_mut().insert("authorization", bearer);
    let config = WebSocketConfig::default()
        .read_buffer_size(4096)
        .write_buffer_size(0);
    let (mut ws, _) = tokio_tungstenite::client_async_with_config(req, stream, Some(config))
        .await
        .map_err(|e| format!("upgrade: {e}"))?;
    match tokio::time::timeout(Duration::from_secs(30), ws.next()).await {
        Ok(Some(Ok(Message::Text(t)))) if t.contains("\"ready\"") => Ok(ws),
        other => Err(format!("no ready frame: {other:?}")),
    }
}

/// A text send, `thread_root` set for a thread reply.
pub fn text_send(
    conversation_id: Uuid,
    client_msg_id: String,
    body: String,
    thread_root: Option<u64>,
) -> ClientRequest {
    ClientRequest::Send {
        conversation_id,
        client_msg_id,
        kind: MessageKind::Text,
        body,
        reply_to: None,
        thread_root,
        forward: None,
        mentions: Vec::new(),
    }
}

/// A send frame whose body carries the send time (µs since `epoch`) and a sequence number.
pub fn send_frame(conversation: &str, client_id: &str, epoch: Instant, n: u64) -> String {
    let t = epoch.elapsed().as_micros();
    let id = conversation.parse().unwrap_or_default();
    let send = text_send(id, client_id.into(), format!("t={t};n={n}"), None);
    ClientFrame::new(Some(client_id), send).encode()
}

/// The send time (µs since the epoch) in a `message` frame's body, without parsing the
/// whole frame: the tool reads every delivery and must stay cheap (it shares the machine
/// with the server it measures), so deliveries are scanned rather than decoded into
/// `chat_protocol::ws::ServerFrame`.
pub fn sent_at(frame: &str) -> Option<u64> {
    if !frame.contains(r#""type":"message""#) {
        return None;
    }
    body_time(frame)
}

/// The send time in any frame carrying one of our messages (a delivery or an ack).
pub fn body_time(frame: &str) -> Option<u64> {
    let at = frame.find(r#""body":"t="#)? + r#""body":"t="#.len();
    let digits = frame[at..].split(';').next()?;
    digits.parse().ok()
}

/// Whether a frame is the ack of a send.
pub fn is_ack(frame: &str) -> bool {
    frame.contains(r#""type":"ack""#)
}

/// The source addresses to spread `n` sockets over (127.0.0.1, .2, …), 20,000 each.
pub fn source_for(i: usize) -> Option<IpAddr> {
    Some(IpAddr::from([127, 0, 0, 1 + (i / 20_000) as u8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_send_time_back_from_a_delivery() {
        let f = r#"{"type":"message","message":{"seq":3,"body":"t=123456;n=7","kind":"text"}}"#;
        assert_eq!(sent_at(f), Some(123_456));
        assert_eq!(
            sent_at(r#"{"type":"ack","message":{"body":"t=1;n=1"}}"#),
            None
        );
    }
}
