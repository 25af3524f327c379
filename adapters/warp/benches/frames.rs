//! Decoding client frames: every WebSocket request pays it once.
//! `cargo bench -p chat-adapter-warp --bench frames`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use chat_adapter_warp::ws::frames::decode;

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
}

criterion_group!(benches, frames);
criterion_main!(benches);
