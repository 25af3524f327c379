//! `txt-append-worker <data-dir> <conversation-id> <run-tag> [senders]`: opens the TXT
//! store and appends to one conversation from `senders` concurrent tasks (8 by default)
//! until killed, printing `ack <client_msg_id> <seq>` after each append returns.

use std::io::Write;
use std::sync::Arc;

use chat_adapter_txt::TxtConfig;
use chat_domain::entities::{MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, MessageBody};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, conv, tag, rest @ ..] = args.as_slice() else {
        eprintln!("usage: txt-append-worker <data-dir> <conversation-id> <run-tag> [senders]");
        std::process::exit(2);
    };
    let conv: ConversationId = conv.parse().expect("a conversation id");
    let senders: usize = rest.first().and_then(|s| s.parse().ok()).unwrap_or(8);
    let store = chat_adapter_txt::open(std::path::Path::new(dir), TxtConfig::default())
        .expect("open store");
    let messages = store.messages.clone();
    let out = Arc::new(std::sync::Mutex::new(std::io::stdout()));
    println!("ready");
    let tasks: Vec<_> = (0..senders)
        .map(|s| {
            let (messages, out, tag) = (messages.clone(), out.clone(), tag.clone());
            tokio::spawn(async move {
                let sender = UserId::new();
                for i in 0.. {
                    let id = format!("{tag}-s{s}-{i}");
                    let body = format!(
                        "run {tag} sender {s} message {i} 你好 👋 {}",
                        "x".repeat(i % 200)
                    );
                    let draft = NewMessage {
                        id: MessageId::new(),
                        conversation_id: conv,
                        sender_id: sender,
                        kind: MessageKind::Text,
                        body: MessageBody::parse(MessageKind::Text, &body).unwrap(),
                        client_msg_id: Some(ClientMsgId::parse(&id).unwrap()),
                        reply_to: None,
                        mentions: Vec::new(),
                        created_at: chrono::Utc::now(),
                        thread_root: None,
                        forwarded: None,
                    };
                    let a = messages.append(draft).await.expect("append");
                    let mut o = out.lock().unwrap();
                    let _ = writeln!(o, "ack {id} {}", a.message.seq);
                    let _ = o.flush();
                }
            })
        })
        .collect();
    for t in tasks {
        let _ = t.await;
    }
}
