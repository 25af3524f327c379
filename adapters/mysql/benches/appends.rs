//! Durable appends per second on MySQL / MariaDB with 1, 8 and 64 concurrent senders:
//!
//! - `append_own_conversation/{n}`: each sender writes to its own conversation;
//! - `append_one_conversation/{n}`: every sender writes to the same group, so all
//!   appends queue on that conversation's seq counter row.
//!
//! `cargo bench -p chat-adapter-mysql --bench appends` against `CHAT_TEST_MYSQL_URL`
//! (default `mysql://root@127.0.0.1:3306/test`), in a scratch database dropped afterwards.
//! The figures depend on the server's durability settings: they are meant with
//! `innodb_flush_log_at_trx_commit = 1`, where each commit reaches the disk.

use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_adapter_mysql::MysqlConfig;
use chat_domain::entities::{MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::ports::MessageRepository;
use chat_domain::values::{ClientMsgId, MessageBody};

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
    }
}

fn appends(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let db = rt
        .block_on(TestDatabase::create(&test_server_url()))
        .expect("MySQL");
    let store = rt
        .block_on(chat_adapter_mysql::connect(&MysqlConfig::new(db.url())))
        .unwrap();
    let messages: Arc<dyn MessageRepository> = store.messages.clone();
    for shared in [false, true] {
        let name = if shared {
            "append_one_conversation"
        } else {
            "append_own_conversation"
        };
        let mut g = c.benchmark_group(name);
        g.sample_size(10).measurement_time(Duration::from_secs(10));
        for senders in [1usize, 8, 64] {
            let per_sender = PER_ITERATION / senders;
            g.throughput(Throughput::Elements((per_sender * senders) as u64));
            g.bench_with_input(
                BenchmarkId::from_parameter(senders),
                &senders,
                |b, &senders| {
                    b.to_async(&rt).iter(|| {
                        let messages = messages.clone();
                        let group = ConversationId::new();
                        async move {
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
                    })
                },
            );
        }
        g.finish();
    }
    drop(messages);
    rt.block_on(store.close());
    drop(db);
}

criterion_group!(benches, appends);
criterion_main!(benches);
