//! TXT store benchmarks, with fsync on (`FsyncMode::Always`):
//!
//! - `append_durable/{1,8,64}`: durable appends per second with that many concurrent
//!   senders, each to its own conversation (group commit shares the syncs);
//! - `history_page_1m`: a 50-message page from a conversation of 1,000,000 messages;
//! - `startup_1m/{indexed,rescan}`: opening a data dir holding those 1,000,000 messages,
//!   after a clean shutdown (sidecars saved) and after a crash (every file rescanned).
//!
//! `cargo bench -p chat-adapter-txt --bench txt_store`. The 1M-message directory is built
//! once under `target/bench-data/txt-1m` and reused by later runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use chat_adapter_txt::TxtConfig;
use chat_domain::entities::{MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::values::{ClientMsgId, Limit, MessageBody, PageQuery, Seq};

const MILLION: u64 = 1_000_000;

fn draft(conv: ConversationId, sender: UserId, i: u64) -> NewMessage {
    NewMessage {
        id: MessageId::new(),
        conversation_id: conv,
        sender_id: sender,
        kind: MessageKind::Text,
        body: MessageBody::parse(
            MessageKind::Text,
            &format!("benchmark message number {i}, 你好 👋"),
        )
        .unwrap(),
        client_msg_id: Some(ClientMsgId::parse(&format!("{sender}-{i}")).unwrap()),
        reply_to: None,
        mentions: Vec::new(),
        created_at: chrono::Utc::now(),
        thread_root: None,
        forwarded: None,
    }
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn scratch(tag: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("chat-bench-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    p
}

fn append_durable(c: &mut Criterion) {
    let rt = rt();
    let mut g = c.benchmark_group("append_durable");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    for senders in [1usize, 8, 64] {
        let dir = scratch(&format!("append-{senders}"));
        let store = Arc::new(chat_adapter_txt::open(&dir, TxtConfig::default()).unwrap());
        let per_sender = (2048 / senders).max(64) as u64;
        g.throughput(Throughput::Elements(per_sender * senders as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(senders),
            &senders,
            |b, &senders| {
                b.to_async(&rt).iter(|| {
                    let store = store.clone();
                    async move {
                        let tasks: Vec<_> = (0..senders)
                            .map(|_| {
                                let messages = store.messages.clone();
                                tokio::spawn(async move {
                                    let (conv, sender) = (ConversationId::new(), UserId::new());
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
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
    }
    g.finish();
}

/// The 1M-message data dir (built on first use), and its conversation.
fn million(rt: &tokio::runtime::Runtime) -> (PathBuf, ConversationId) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data/txt-1m");
    let id_file = dir.join("conversation");
    if let Ok(id) = std::fs::read_to_string(&id_file) {
        return (dir, id.trim().parse().unwrap());
    }
    let _ = std::fs::remove_dir_all(&dir);
    let conv = ConversationId::new();
    let started = Instant::now();
    rt.block_on(async {
        // Bulk load without per-append syncs; the benchmarks below open it with fsync on.
        let config = TxtConfig {
            fsync: chat_adapter_txt::FsyncMode::Never,
            ..TxtConfig::default()
        };
        let store = Arc::new(chat_adapter_txt::open(&dir, config).unwrap());
        let tasks: Vec<_> = (0..256u64)
            .map(|_| {
                let messages = store.messages.clone();
                tokio::spawn(async move {
                    let sender = UserId::new();
                    for i in 0..MILLION / 256 + 1 {
                        messages.append(draft(conv, sender, i)).await.unwrap();
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        store.close().await;
    });
    std::fs::write(&id_file, conv.to_string()).unwrap();
    eprintln!("built the 1M-message data dir in {:?}", started.elapsed());
    (dir, conv)
}

fn history_and_startup(c: &mut Criterion) {
    let rt = rt();
    let (dir, conv) = million(&rt);
    {
        let store = chat_adapter_txt::open(&dir, TxtConfig::default()).unwrap();
        let last = rt.block_on(store.messages.last_seq(conv)).unwrap();
        assert!(last >= MILLION);
        let mut g = c.benchmark_group("history_page_1m");
        let mut at = 1u64;
        g.bench_function("before_random_seq", |b| {
            b.to_async(&rt).iter(|| {
                // Walk the whole conversation in big strides so pages come from everywhere.
                at = (at + 7_919_993) % (last - 100) + 100;
                let q = PageQuery::before(Seq::new(at).unwrap(), Limit::new(50).unwrap());
                let messages = &store.messages;
                async move {
                    let page = messages.page(conv, q).await.unwrap();
                    assert_eq!(page.len(), 50);
                }
            })
        });
        g.finish();
    }
    let mut g = c.benchmark_group("startup_1m");
    g.sample_size(10);
    g.bench_function("indexed", |b| {
        b.iter(|| {
            let store = chat_adapter_txt::open(&dir, TxtConfig::default()).unwrap();
            drop(store);
        })
    });
    // A crash leaves no sidecars: copy the dir without them and open that.
    let bare = scratch("startup-rescan");
    copy_without_sidecars(&dir, &bare);
    g.bench_function("rescan", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                remove_sidecars(&bare);
                let t = Instant::now();
                let store = chat_adapter_txt::open(&bare, TxtConfig::default()).unwrap();
                total += t.elapsed();
                drop(store);
            }
            total
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(bare);
}

fn copy_without_sidecars(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_without_sidecars(&p, &target);
        } else if p.extension().is_none_or(|e| e != "idx")
            && p.file_name().is_some_and(|n| n != "LOCK")
        {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

fn remove_sidecars(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            remove_sidecars(&p);
        } else if p.extension().is_some_and(|e| e == "idx") {
            std::fs::remove_file(p).unwrap();
        }
    }
}

criterion_group!(benches, append_durable, history_and_startup);
criterion_main!(benches);
