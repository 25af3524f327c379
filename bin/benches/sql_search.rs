//! PostgreSQL search: the store's term index (`message_terms`, what it keeps) against a
//! `pg_trgm` GIN index on `body` (what it measured and did not keep), on one conversation
//! of 200,000 mixed English and Chinese messages written straight into the tables. For
//! each query the run prints the median and p99 of 200 searches for the newest 20 hits,
//! and, once, how long each index took to build and how large it is.
//!
//! `cargo bench -p chat-server --bench sql_search` against `CHAT_TEST_POSTGRES_URL` (a
//! scratch schema, dropped afterwards; `pg_trgm` must be installable there).
//! `CHAT_BENCH_MESSAGES` sets the conversation's length.

#[path = "../tests/multi_node/support.rs"]
mod support;

use std::time::{Duration, Instant};

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::SearchQuery;
use support::{Backend, Sql};

const RUNS: usize = 200;
const QUERIES: &[&str] = &["deploy", "deplo", "开会", "会", "周末 release"];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

async fn timed<F, Fut>(what: &str, mut f: F) -> (Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let hits = f().await;
        times.push(started.elapsed());
        assert!(hits > 0, "{what}: no hits");
    }
    times.sort_unstable();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

fn main() {
    let n: i64 = std::env::var("CHAT_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let Some(db) = Sql::create(Backend::Postgres).await else {
            return;
        };
        let store = support::open_store(&db).await;
        let (client, connection) = tokio_postgres::connect(&db.url(), tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        let (conv, sender) = (ConversationId::new(), UserId::new());
        client
            .execute(
                "INSERT INTO messages (conversation_id, seq, id, sender_id, kind, body, created_at) \
                 SELECT $1, g, gen_random_uuid(), $2, 'text', \
                 (ARRAY['deploy','release','meeting','status','update','review','lunch','build', \
                 'merge','ticket'])[1 + g % 10] || ' w' || (g % 997) || ' ' || \
                 (ARRAY['开会','你好','周末','项目','上线','测试','吃饭','下班'])[1 + (g / 10) % 8] || \
                 ' ' || (ARRAY['release','notes','today','later'])[1 + (g / 80) % 4] || ' #' || g, \
                 now() - make_interval(secs => ($3 - g)::double precision) \
                 FROM generate_series(1, $3::bigint) g",
                &[conv.as_uuid(), sender.as_uuid(), &n],
            )
            .await
            .unwrap();
        client
            .execute(
                "INSERT INTO message_counters (conversation_id, last_seq) VALUES ($1, $2)",
                &[conv.as_uuid(), &n],
            )
            .await
            .unwrap();
        client.batch_execute("ANALYZE messages").await.unwrap();

        // The term index: the store builds it at the first search (its catch-up).
        let started = Instant::now();
        let q = SearchQuery::parse("deploy").unwrap();
        store.messages.search(&[conv], &q, None, 20).await.unwrap();
        let terms_built = started.elapsed();
        let started = Instant::now();
        client
            .batch_execute(
                "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; \
                 CREATE INDEX messages_body_trgm ON messages \
                 USING gin (body public.gin_trgm_ops); ANALYZE messages",
            )
            .await
            .unwrap();
        let trgm_built = started.elapsed();
        let size = |rel: &str| format!("SELECT pg_size_pretty(pg_total_relation_size('{rel}'))");
        let terms_size: String = client
            .query_one(&size("message_terms"), &[])
            .await
            .unwrap()
            .get(0);
        let trgm_size: String = client
            .query_one(&size("messages_body_trgm"), &[])
            .await
            .unwrap()
            .get(0);
        println!("{n} messages; term index built in {terms_built:.1?} ({terms_size}), trigram index in {trgm_built:.1?} ({trgm_size})");

        let like = client
            .prepare(
                "SELECT seq FROM messages WHERE conversation_id = $1 AND NOT deleted \
                 AND body ILIKE ALL($2) ORDER BY created_at DESC, seq DESC LIMIT 20",
            )
            .await
            .unwrap();
        for query in QUERIES {
            let q = SearchQuery::parse(query).unwrap();
            let (store_p50, store_p99) = timed(&format!("term index, {query}"), || async {
                store.messages.search(&[conv], &q, None, 20).await.unwrap().messages.len()
            })
            .await;
            // The query as a substring of the body, as the store matches it.
            let words = vec![format!("%{query}%")];
            let (trgm_p50, trgm_p99) = timed(&format!("trigram, {query}"), || async {
                let rows = client.query(&like, &[conv.as_uuid(), &words]).await.unwrap();
                rows.len()
            })
            .await;
            let plan: Vec<String> = client
                .query(
                    &format!(
                        "EXPLAIN SELECT seq FROM messages WHERE conversation_id = '{}' \
                         AND body ILIKE '{}' ORDER BY created_at DESC LIMIT 20",
                        conv, words[0]
                    ),
                    &[],
                )
                .await
                .unwrap()
                .iter()
                .map(|r| r.get::<_, String>(0))
                .collect();
            let uses_trgm = plan.iter().any(|l| l.contains("messages_body_trgm"));
            println!(
                "{query:>14}: term index p50 {store_p50:.1?} p99 {store_p99:.1?} | \
                 trigram p50 {trgm_p50:.1?} p99 {trgm_p99:.1?} (trigram index used: {uses_trgm})"
            );
        }
        store.close().await;
    });
}
