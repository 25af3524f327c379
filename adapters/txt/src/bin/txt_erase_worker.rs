//! `txt-erase-worker <data-dir> <conversation-id> <run-tag>`: appends to one conversation
//! from one task while another edits and recalls what was acked and erases, pass after
//! pass, until killed. It prints `ack <seq> <body>` after an append returns, `edited
//! <seq> <body>` and `recalled <seq>` after a change returns, `erasing` before a pass
//! and `erased` after one (every recall printed before `erasing` is then erased). The
//! erasure crash test kills it at random points.

use std::io::Write;
use std::sync::{Arc, Mutex};

use chat_adapter_txt::TxtConfig;
use chat_domain::entities::{MessageChange, MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, MessageBody, Seq};

fn say(out: &Mutex<std::io::Stdout>, line: String) {
    let mut o = out.lock().unwrap_or_else(|e| e.into_inner());
    let _ = writeln!(o, "{line}");
    let _ = o.flush();
}

fn text(body: &str) -> MessageBody {
    MessageBody::parse(MessageKind::Text, body).expect("a text body")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, conv, tag] = args.as_slice() else {
        eprintln!("usage: txt-erase-worker <data-dir> <conversation-id> <run-tag>");
        std::process::exit(2);
    };
    let conv: ConversationId = conv.parse().expect("a conversation id");
    let store = chat_adapter_txt::open(std::path::Path::new(dir), TxtConfig::default())
        .expect("open store");
    let messages = store.messages.clone();
    let out = Arc::new(Mutex::new(std::io::stdout()));
    let acked = Arc::new(Mutex::new(Vec::<u64>::new()));
    say(&out, "ready".into());
    let appender = {
        let (messages, out, acked, tag) =
            (messages.clone(), out.clone(), acked.clone(), tag.clone());
        tokio::spawn(async move {
            let sender = UserId::new();
            for i in 0.. {
                let body = format!("<{tag}-m{i}> secret {}", "x".repeat(i % 300 + 1));
                let draft = NewMessage {
                    id: MessageId::new(),
                    conversation_id: conv,
                    sender_id: sender,
                    kind: MessageKind::Text,
                    body: text(&body),
                    client_msg_id: Some(ClientMsgId::parse(&format!("{tag}-{i}")).unwrap()),
                    reply_to: None,
                    mentions: vec![UserId::new()],
                    created_at: chrono::Utc::now(),
                    thread_root: None,
                    forwarded: None,
                };
                let a = messages.append(draft).await.expect("append");
                let seq = a.message.seq.get();
                say(&out, format!("ack {seq} {body}"));
                acked.lock().unwrap().push(seq);
                // A few hundred messages a run: the test reads them all after each kill.
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            }
        })
    };
    // Take back two of every three acked messages (one edited first), then erase.
    loop {
        let seqs: Vec<u64> = std::mem::take(&mut *acked.lock().unwrap());
        for seq in seqs.into_iter().filter(|s| s % 3 != 0) {
            let at = Seq::new(seq).unwrap();
            if seq % 3 == 1 {
                let body = format!("<{tag}-e{seq}> edited secret");
                let edit = MessageChange::Edit {
                    body: text(&body),
                    at: chrono::Utc::now(),
                };
                messages.change(conv, at, &edit).await.expect("edit");
                say(&out, format!("edited {seq} {body}"));
            }
            messages
                .change(conv, at, &MessageChange::Recall)
                .await
                .expect("recall");
            say(&out, format!("recalled {seq}"));
        }
        say(&out, "erasing".into());
        messages.erase_tombstones().await.expect("erase");
        say(&out, "erased".into());
        if appender.is_finished() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
