//! A tiny client for a running chat-server, on the `chat-client` library: signs up two
//! users, starts a sync engine for each, has them chat, and prints what each one sees
//! (every message once, in order, however the connection fares).
//!
//! Start the server (`cargo run --release -p chat-server`), then
//! `cargo run -p chat-examples --example chat_client -- http://127.0.0.1:8080`.

use std::sync::Arc;
use std::time::Duration;

use chat_client::{Api, Client, Event, MemoryStore};
use chat_protocol::http::{CreateConversation, RegisterRequest};

const PASSWORD: &str = "correct horse";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let api = Api::new(&base);
    let suffix = uuid::Uuid::new_v4().simple().to_string()[..6].to_owned();
    let mut people = Vec::new();
    for name in ["lin", "mei"] {
        let username = format!("{name}_{suffix}");
        let body = RegisterRequest {
            username: username.clone(),
            password: PASSWORD.into(),
            display_name: None,
            challenge: None,
        };
        let user = api.register(&body).await?;
        let (client, mut events) =
            Client::login(&base, &username, PASSWORD, Arc::new(MemoryStore::default())).await?;
        tokio::spawn(async move {
            while let Some(event) = events.next().await {
                match event {
                    Event::Message(m) => println!(
                        "{name} sees #{}: {}",
                        m.seq,
                        m.body.as_deref().unwrap_or("(recalled)")
                    ),
                    Event::Acked {
                        client_msg_id,
                        message,
                    } => {
                        println!("{name}'s {client_msg_id} is stored as #{}", message.seq)
                    }
                    Event::Disconnected(e) => println!("{name} reconnects after: {e}"),
                    _ => {}
                }
            }
        });
        people.push((user, client));
    }
    let (lin, mei) = (&people[0], &people[1]);
    let direct = CreateConversation::Direct { peer_id: mei.0.id };
    let conv = lin
        .1
        .api()
        .create_conversation(&direct)
        .await?
        .conversation
        .id;
    lin.1.send_text(conv, "hello-1", "你好, Mei 👋").await?;
    mei.1.send_text(conv, "reply-1", "hi Lin!").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    for (_, client) in people {
        client.close().await;
    }
    Ok(())
}
