//! What an erasure pass costs on the TXT store (fsync on): how fast it rewrites, and
//! what it does to the acks of appends made while it runs.
//!
//! A store of 64 conversations × 2,000 messages (about 30 MB of day files) gets one in
//! twenty messages recalled (each conversation's files touched, as a busy server's
//! would be after ten minutes); then 8 senders append one at a time, each to a
//! conversation of its own, for 2 s without a pass and again while a pass runs. Each run
//! prints one JSON line: the pass's bytes, seconds and MB/s, and the ack p50/p99 of both
//! phases. `cargo bench -p chat-adapter-txt --bench txt_erase` (3 runs; `RUNS=n`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use chat_adapter_txt::TxtConfig;
use chat_domain::entities::{MessageChange, MessageKind, NewMessage};
use chat_domain::ids::{ConversationId, MessageId, UserId};
use chat_domain::ports::MessageRepository;
use chat_domain::values::{ClientMsgId, MessageBody, Seq};

const CONVERSATIONS: usize = 64;
const PER_CONVERSATION: u64 = 2_000;
const SENDERS: usize = 8;

fn draft(conv: ConversationId, sender: UserId, i: u64) -> NewMessage {
    let body = format!(
        "message {i} of a busy day, 你好 👋 {}",
        "lorem ipsum ".repeat(15)
    );
    NewMessage {
        id: MessageId::new(),
        conversation_id: conv,
        sender_id: sender,
        kind: MessageKind::Text,
        body: MessageBody::parse(MessageKind::Text, &body).unwrap(),
        client_msg_id: Some(ClientMsgId::parse(&format!("{sender}-{i}")).unwrap()),
        reply_to: None,
        mentions: vec![UserId::new()],
        created_at: chrono::Utc::now(),
        thread_root: None,
        forwarded: None,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

/// Appends from [`SENDERS`] tasks until `stop` is notified; the ack latencies, sorted.
async fn appends(
    m: Arc<dyn MessageRepository>,
    convs: Vec<ConversationId>,
    stop: Arc<tokio::sync::Notify>,
) -> Vec<Duration> {
    let tasks: Vec<_> = convs
        .iter()
        .take(SENDERS)
        .map(|&conv| {
            let (m, stop) = (m.clone(), stop.clone());
            tokio::spawn(async move {
                let (sender, mut lat) = (UserId::new(), Vec::new());
                let stopped = stop.notified();
                tokio::pin!(stopped);
                for i in 0.. {
                    let t = Instant::now();
                    tokio::select! {
                        _ = &mut stopped => break,
                        r = m.append(draft(conv, sender, 1_000_000 + i)) => { r.unwrap(); }
                    }
                    lat.push(t.elapsed());
                }
                lat
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort();
    all
}

async fn one_run(run: usize) -> String {
    let dir = std::env::temp_dir().join(format!("chat-bench-erase-{}", uuid::Uuid::new_v4()));
    let store = chat_adapter_txt::open(&dir, TxtConfig::default()).unwrap();
    let m = store.messages.clone();
    let convs: Vec<ConversationId> = (0..CONVERSATIONS).map(|_| ConversationId::new()).collect();
    for &conv in &convs {
        let sender = UserId::new();
        let drafts = (0..PER_CONVERSATION)
            .map(|i| draft(conv, sender, i))
            .collect();
        for r in m.append_all(drafts).await {
            r.unwrap();
        }
    }
    for &conv in &convs {
        for seq in (7..=PER_CONVERSATION).step_by(20) {
            let at = Seq::new(seq).unwrap();
            m.change(conv, at, &MessageChange::Recall).await.unwrap();
        }
    }
    let measure = |pass: bool| {
        let (m, convs) = (m.clone(), convs.clone());
        async move {
            let stop = Arc::new(tokio::sync::Notify::new());
            let senders = tokio::spawn(appends(m.clone(), convs, stop.clone()));
            let erased = if pass {
                let t = Instant::now();
                let e = m.erase_tombstones().await.unwrap();
                Some((e, t.elapsed()))
            } else {
                tokio::time::sleep(Duration::from_secs(2)).await;
                None
            };
            stop.notify_waiters();
            (senders.await.unwrap(), erased)
        }
    };
    let (quiet, _) = measure(false).await;
    let (busy, erased) = measure(true).await;
    let (e, took) = erased.unwrap();
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    serde_json::json!({
        "run": run,
        "erased_messages": e.messages,
        "bytes_rewritten": e.bytes_rewritten,
        "pass_secs": took.as_secs_f64(),
        "mb_per_sec": e.bytes_rewritten as f64 / 1e6 / took.as_secs_f64(),
        "ack_us_without": {"p50": percentile(&quiet, 0.5), "p99": percentile(&quiet, 0.99), "n": quiet.len()},
        "ack_us_during": {"p50": percentile(&busy, 0.5), "p99": percentile(&busy, 0.99), "n": busy.len()},
    })
    .to_string()
}

fn main() {
    // `cargo test --benches` runs this with --bench absent: stay quick then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for run in 1..=runs {
        println!("{}", rt.block_on(one_run(run)));
    }
}
