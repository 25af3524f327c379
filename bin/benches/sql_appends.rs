//! Durable appends per second on both SQL stores, side by side in one run, with 1, 8 and
//! 64 concurrent senders:
//!
//! - `append_own_conversation/{store}/{n}`: each sender writes to its own conversation;
//! - `append_one_conversation/{store}/{n}`: every sender writes to the same group, so all
//!   appends queue on that conversation's seq counter row.
//!
//! `cargo bench -p chat-server --bench sql_appends` against `CHAT_TEST_MYSQL_URL` and
//! `CHAT_TEST_POSTGRES_URL`, each in a scratch database (schema) dropped afterwards; a
//! store whose server is unreachable is skipped. The figures depend on the servers'
//! durability settings: they are meant with every commit reaching the disk
//! (`innodb_flush_log_at_trx_commit = 1`; `synchronous_commit = on`, `fsync = on`).

#[path = "../tests/multi_node/support.rs"]
mod support;

use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use chat_domain::entities::{MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::ports::MessageRepository;
use chat_domain::values::{ClientMsgId, MessageBody};
use support::{Backend, Sql};

/// Appends per measured iteration, split evenly between the senders.
const PER_ITERATION: usize = 512;

fn draft(conv: ConversationId, sender: UserId, i: usize) -> NewMessage {
    NewMessage {
        id: MessageId::new(),
        conversation_id: conv,
        sender_id: sender,
        kind: MessageKind::Text,
        body: MessageBody::parse(
            MessageKind::Text,
            &format!("benchmark message {i}, 你好 👋"),
        )
        .unwrap(),
        client_msg_id: Some(ClientMsgId::parse(&format!("{}", MessageId::new())).unwrap()),
        reply_to: None,
        mentions: Vec::new(),
        created_at: chrono::Utc::now(),
        thread_root: None,
        forwarded: None,
    }
}

/// `senders` tasks appending `PER_ITERATION` messages in all, each awaiting its ack.
async fn run(messages: Arc<dyn MessageRepository>, senders: usize, shared: bool) {
    let per_sender = PER_ITERATION / senders;
    let group = ConversationId::new();
    let tasks: Vec<_> = (0..senders)
        .map(|_| {
            let messages = messages.clone();
            let conv = if shared { group } else { ConversationId::new() };
            tokio::spawn(async move {
                let sender = UserId::new();
                for i in 0..per_sender {
                    messages.append(draft(conv, sender, i)).await.unwrap();
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
}

fn appends(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for backend in [Backend::Mysql, Backend::Postgres] {
        let Some(db) = rt.block_on(Sql::create(backend)) else {
            continue;
        };
        let store = rt.block_on(support::open_store(&db));
        let name = format!("{backend:?}").to_lowercase();
        for shared in [false, true] {
            let group = if shared {
                "append_one_conversation"
            } else {
                "append_own_conversation"
            };
            let mut g = c.benchmark_group(format!("{group}/{name}"));
            g.sample_size(10).measurement_time(Duration::from_secs(10));
            for senders in [1usize, 8, 64] {
                g.throughput(Throughput::Elements(
                    (PER_ITERATION / senders * senders) as u64,
                ));
                g.bench_with_input(BenchmarkId::from_parameter(senders), &senders, |b, &n| {
                    b.to_async(&rt)
                        .iter(|| run(store.messages.clone(), n, shared));
                });
            }
            g.finish();
        }
        rt.block_on(store.close());
        drop(db);
    }
}

criterion_group!(benches, appends);
criterion_main!(benches);
