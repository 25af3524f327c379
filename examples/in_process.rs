//! Drives the chat core in-process with the memory adapters: no network, no storage.
//!
//! Run with `cargo run -p chat-examples --example in_process`.

use std::sync::Arc;

use chat_core::app::{CreateGroup, HistoryQuery, Login, RegisterUser, SendMessage};
use chat_core::domain::events::{DomainEvent, Envelope};
use chat_core::domain::ids::ConnectionId;
use chat_core::domain::ports::{EventSink, SinkFull};
use chat_core::Chat;

/// Prints every event a user's "device" receives.
struct Printer {
    who: &'static str,
    id: ConnectionId,
}

impl EventSink for Printer {
    fn connection_id(&self) -> ConnectionId {
        self.id
    }
    fn deliver(&self, envelope: Arc<Envelope>) -> Result<(), SinkFull> {
        if let DomainEvent::MessageSent { message, .. } = &envelope.event {
            println!(
                "[{} receives] #{} {}",
                self.who,
                message.seq,
                message.body.as_str()
            );
        }
        Ok(())
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Every part in memory: nothing to set up, nothing kept.
    let chat = Chat::builder().build();
    let app = chat.app();

    let mut actors = Vec::new();
    for name in ["alice", "bob"] {
        app.register_user(RegisterUser::new(name, "correct horse battery"))
            .await?;
        let login = app.login(Login::new(name, "correct horse battery")).await?;
        actors.push(app.authenticate(login.token.expose()).await?);
    }
    let (alice, bob) = (&actors[0], &actors[1]);
    app.connect(
        bob,
        Arc::new(Printer {
            who: "bob",
            id: ConnectionId::new(),
        }),
    )
    .await?;

    let group = app
        .create_group(
            alice,
            CreateGroup {
                title: "周末计划 🏔".into(),
                member_ids: vec![bob.id()],
            },
        )
        .await?;
    let id = group.conversation.id;
    app.send_message(alice, SendMessage::text(id, "m-1", "Hiking on Saturday?"))
        .await?;
    app.send_message(alice, SendMessage::text(id, "m-2", "好的，早上八点见 👍"))
        .await?;
    // A retry of m-2 (say, after a dropped ack) stores and delivers nothing new.
    let retry = app
        .send_message(alice, SendMessage::text(id, "m-2", "好的，早上八点见 👍"))
        .await?;
    println!("retry of m-2 created a new message: {}", retry.created);

    app.mark_read(bob, id, 2).await?;
    for s in app.list_conversations(bob).await? {
        println!(
            "bob's list: {:?} unread={} last_seq={}",
            s.conversation.title().map(|t| t.as_str()),
            s.unread,
            s.last_seq
        );
    }
    for m in app.get_history(bob, id, HistoryQuery::default()).await? {
        println!("history #{}: {}", m.seq, m.body.as_str());
    }
    chat.close().await;
    Ok(())
}
