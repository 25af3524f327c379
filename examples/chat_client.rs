//! A tiny client for a running chat-server: signs up two users, opens a WebSocket for
//! each, and has them chat, printing every frame.
//!
//! Start the server (`cargo run --release -p chat-server`), then
//! `cargo run -p chat-examples --example chat_client -- 127.0.0.1:8080`.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// One HTTP/1.1 call with a JSON body; returns the status line and the JSON answer.
async fn call(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> std::io::Result<(String, Value)> {
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    let body = body.to_string();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await?;
    s.write_all(body.as_bytes()).await?;
    let mut out = String::new();
    s.read_to_string(&mut out).await?;
    let status = out.lines().next().unwrap_or_default().to_owned();
    let json = out
        .split_once("\r\n\r\n")
        .and_then(|(_, b)| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    Ok((status, json))
}

async fn connect(addr: &str, token: &str) -> Result<Socket, Box<dyn std::error::Error>> {
    let mut req = format!("ws://{addr}/ws").into_client_request()?;
    req.headers_mut()
        .insert("authorization", format!("Bearer {token}").parse()?);
    Ok(tokio_tungstenite::connect_async(req).await?.0)
}

async fn show(
    who: &str,
    ws: &mut Socket,
    until: &str,
) -> Result<Value, Box<dyn std::error::Error>> {
    loop {
        let Some(frame) = ws.next().await else {
            return Err("socket closed".into());
        };
        if let Message::Text(t) = frame? {
            println!("{who} <- {t}");
            let v: Value = serde_json::from_str(&t)?;
            if v["type"] == until {
                return Ok(v);
            }
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let suffix = uuid::Uuid::new_v4().simple().to_string()[..6].to_owned();
    let mut users = Vec::new();
    for name in ["lin", "mei"] {
        let username = format!("{name}_{suffix}");
        let creds = json!({"username": username, "password": "correct horse"});
        let (status, _) = call(&addr, "POST", "/api/v1/users", None, creds.clone()).await?;
        println!("POST /api/v1/users {username} -> {status}");
        let (_, s) = call(&addr, "POST", "/api/v1/sessions", None, creds).await?;
        users.push((
            username,
            s["token"].as_str().ok_or("no token")?.to_owned(),
            s["user_id"].clone(),
        ));
    }
    let (status, conv) = call(
        &addr,
        "POST",
        "/api/v1/conversations",
        Some(&users[0].1),
        json!({"kind": "direct", "peer_id": users[1].2}),
    )
    .await?;
    println!("POST /api/v1/conversations -> {status}");
    let conv = conv["id"].clone();

    let mut lin = connect(&addr, &users[0].1).await?;
    show("lin", &mut lin, "ready").await?;
    let mut mei = connect(&addr, &users[1].1).await?;
    show("mei", &mut mei, "ready").await?;
    show("lin", &mut lin, "presence").await?;

    let say = |req: &str, id: &str, body: &str| {
        json!({"type": "send", "req": req, "conversation_id": conv, "client_msg_id": id, "body": body}).to_string()
    };
    lin.send(Message::Text(
        say("1", "lin-1", "你好 Mei! Lunch at noon? 🍜").into(),
    ))
    .await?;
    show("lin", &mut lin, "ack").await?;
    let got = show("mei", &mut mei, "message").await?;
    mei.send(Message::Text(
        json!({"type": "read", "req": "2", "conversation_id": conv, "seq": got["message"]["seq"]})
            .to_string()
            .into(),
    ))
    .await?;
    show("mei", &mut mei, "ok").await?;
    show("lin", &mut lin, "receipt").await?;
    mei.send(Message::Text(say("3", "mei-1", "好的，中午见 👍").into()))
        .await?;
    show("mei", &mut mei, "ack").await?;
    show("lin", &mut lin, "message").await?;
    Ok(())
}
