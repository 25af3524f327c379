//! Decoding client frames (every WebSocket request pays it once) and encoding a message
//! event (every fan-out pays it once, whatever the number of recipients).
//! `cargo bench -p chat-protocol --features server --bench frames`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use chat_domain::entities::{MessageKind, NewMessage};
use chat_domain::events::DomainEvent;
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, MessageBody, Seq};
use chat_protocol::ws::{decode, ServerFrame};

fn frames(c: &mut Criterion) {
    let send = r#"{"type":"send","req":"r-42","conversation_id":"5f1c2e9a-8d3b-4c7e-9a61-2b7d4e0f9c11","client_msg_id":"m-000042","kind":"text","body":"早上好 ☀️ see you at the standup in five"}"#;
    let ping = r#"{"type":"ping","req":"p1"}"#;
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("send", |b| b.iter(|| decode(black_box(send))));
    g.bench_function("ping", |b| b.iter(|| decode(black_box(ping))));
    g.bench_function("malformed", |b| {
        b.iter(|| decode(black_box(r#"{"type":"send","body":5"#)))
    });
    g.finish();

    let message = NewMessage {
        id: MessageId::new(),
        conversation_id: ConversationId::new(),
        sender_id: UserId::new(),
        kind: MessageKind::Text,
        body: MessageBody::parse(
            MessageKind::Text,
            "早上好 ☀️ see you at the standup in five",
        )
        .unwrap(),
        client_msg_id: Some(ClientMsgId::parse("m-000042").unwrap()),
        reply_to: None,
        mentions: Vec::new(),
        created_at: chrono::Utc::now(),
        thread_root: None,
        forwarded: None,
    }
    .at(Seq::new(42).unwrap());
    let event = DomainEvent::MessageSent {
        message,
        reply: None,
    };
    let mut g = c.benchmark_group("encode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("message_event", |b| {
        b.iter(|| ServerFrame::event(black_box(&event)).map(|f| f.encode()))
    });
    g.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
