//! `chat-server migrate` of one long conversation between the SQL stores (and into TXT):
//! a 1,000,000-message group is written straight into the source's tables, then copied
//! through the storage ports as `migrate` copies it (500 messages to each `append_all`,
//! one commit each). Prints messages copied per second for each pair.
//!
//! `cargo bench -p chat-server --bench sql_migrate` against `CHAT_TEST_MYSQL_URL` and
//! `CHAT_TEST_POSTGRES_URL` (scratch databases, dropped afterwards; an unreachable server
//! is skipped). `CHAT_BENCH_MESSAGES` sets the conversation's length.

#[path = "../tests/multi_node/support.rs"]
mod support;

use std::time::Instant;

use chat_conformance::fixtures::{group, member, user};
use chat_domain::entities::ParticipantRole;
use chat_server::migrate::{migrate, Endpoint};
use support::{Backend, Sql};

fn endpoint(db: &Sql) -> Endpoint {
    match db {
        Sql::Mysql(_) => Endpoint::Mysql(db.url()),
        Sql::Postgres(_) => Endpoint::Postgres(db.url()),
    }
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
        for (from, to) in [
            (Backend::Postgres, Some(Backend::Mysql)),
            (Backend::Mysql, Some(Backend::Postgres)),
            (Backend::Postgres, None),
        ] {
            let (Some(source), target) = (Sql::create(from).await, to) else {
                continue;
            };
            let store = support::open_store(&source).await;
            let alice = user("alice");
            store.users.create(&alice).await.unwrap();
            let g = group(alice.id, "long");
            let owner = member(&g, alice.id, ParticipantRole::Owner, 0);
            store
                .conversations
                .create_group(&g, &[owner])
                .await
                .unwrap();
            store.close().await;
            support::fill_history(&source, g.id, alice.id, n).await;
            let dir =
                std::env::temp_dir().join(format!("chat-migrate-bench-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let (target_db, to_end) = match target {
                Some(b) => {
                    let Some(db) = Sql::create(b).await else {
                        continue;
                    };
                    let end = endpoint(&db);
                    (Some(db), end)
                }
                None => (None, Endpoint::Txt(dir.clone())),
            };
            let started = Instant::now();
            let moved = migrate(&endpoint(&source), &to_end).await.unwrap();
            let took = started.elapsed();
            assert_eq!(moved.messages, n);
            println!(
                "{from:?} -> {}: {n} messages in {took:.1?}, {:.0} messages/s",
                target.map_or("txt".to_owned(), |b| format!("{b:?}")),
                n as f64 / took.as_secs_f64()
            );
            drop(target_db);
            let _ = std::fs::remove_dir_all(&dir);
        }
    });
}
