//! History pages from a long conversation on both SQL stores, side by side in one run:
//! 1,000,000 messages are written straight into the store's tables (the append path is
//! what `sql_appends` measures), then 2,000 pages of 50 messages before a random seq are
//! read through the store, one at a time; the run prints p50, p99 and the mean.
//!
//! `cargo bench -p chat-server --bench sql_history` against `CHAT_TEST_MYSQL_URL` and
//! `CHAT_TEST_POSTGRES_URL` (scratch database and schema, dropped afterwards; an
//! unreachable server is skipped). `CHAT_BENCH_MESSAGES` sets the conversation's length.

#[path = "../tests/multi_node/support.rs"]
mod support;

use std::time::{Duration, Instant};

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Limit, PageQuery, Seq};
use support::{Backend, Sql};

const PAGES: usize = 2000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn main() {
    let n: u64 = std::env::var("CHAT_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        for backend in [Backend::Mysql, Backend::Postgres] {
            let Some(db) = Sql::create(backend).await else {
                continue;
            };
            let store = support::open_store(&db).await;
            let (conv, sender) = (ConversationId::new(), UserId::new());
            let filling = Instant::now();
            support::fill_history(&db, conv, sender, n).await;
            assert_eq!(store.messages.last_seq(conv).await.unwrap(), n);
            println!("{backend:?}: {n} messages written in {:.1?}", filling.elapsed());
            let limit = Limit::new(50).unwrap();
            let mut state = 0x2545_f491_4f6c_dd1d_u64;
            let mut times = Vec::with_capacity(PAGES);
            for _ in 0..PAGES {
                // xorshift: spread over the whole history, the same in every run.
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let before = Seq::new(51 + state % (n - 50)).unwrap();
                let started = Instant::now();
                let page = store
                    .messages
                    .page(conv, PageQuery::before(before, limit))
                    .await
                    .unwrap();
                times.push(started.elapsed());
                assert_eq!(page.len(), 50);
                assert_eq!(page[49].seq.get(), before.get() - 1);
            }
            times.sort_unstable();
            let mean = times.iter().sum::<Duration>() / PAGES as u32;
            println!(
                "{backend:?}: 50-message page from {n} messages: p50 {:.0?}, p99 {:.0?}, mean {:.0?}",
                percentile(&times, 0.50),
                percentile(&times, 0.99),
                mean
            );
            store.close().await;
        }
    });
}
