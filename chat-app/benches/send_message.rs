//! SendMessage end to end on the memory adapters: validation, membership, rate limit,
//! append, fan-out to the other member, the push check.
//! `cargo bench -p chat-app --bench send_message`

use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use chat_adapter_argon2::Argon2Hasher;
use chat_app::*;
use chat_domain::ports::RateLimit;
use chat_memory::MemoryPush;

fn send_message(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let settings = Settings {
        send_limit: RateLimit {
            max: u32::MAX,
            window: Duration::from_secs(60),
        },
        ..Settings::default()
    };
    let chat = chat_core::Chat::builder()
        .hasher(Arc::new(Argon2Hasher::fast_for_tests()))
        .push(Arc::new(MemoryPush::with_capacity(0)))
        .settings(settings)
        .build();
    let app = chat.app().clone();
    let (alice, conversation) = rt.block_on(async {
        let mut actors = Vec::new();
        for name in ["alice", "bob"] {
            app.register_user(RegisterUser::new(name, "bench-password"))
                .await
                .unwrap();
            let login = app.login(Login::new(name, "bench-password")).await.unwrap();
            actors.push(app.authenticate(login.token.expose()).await.unwrap());
        }
        let dm = app
            .create_direct_conversation(&actors[0], actors[1].id())
            .await
            .unwrap();
        (actors.swap_remove(0), dm.0.conversation.id)
    });
    let mut n = 0u64;
    let mut g = c.benchmark_group("send_message");
    g.throughput(Throughput::Elements(1));
    g.bench_function("memory_direct", |b| {
        b.iter(|| {
            n += 1;
            let cmd = SendMessage::text(conversation, &format!("m{n}"), "hello there 👋");
            rt.block_on(app.send_message(&alice, cmd)).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, send_message);
criterion_main!(benches);
