//! The server's cost of one proof-of-work check: parsing the id, its HMAC, one SHA-256.
//! (The single-use claim is a separate port call: memory or one Redis `SET NX`.)

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};

use chat_adapter_pow::{solve, PowConfig, ProofOfWork};

fn verify(c: &mut Criterion) {
    let pow = ProofOfWork::new(PowConfig::new(18));
    let now = Utc::now();
    let id = pow.issue_id(now);
    let nonce = solve(&id.salt, 18);
    c.bench_function("pow_verify", |b| {
        b.iter(|| pow.check(std::hint::black_box(&id.encoded), &nonce, now))
    });
    c.bench_function("pow_issue", |b| b.iter(|| pow.issue_id(now)));
}

criterion_group!(benches, verify);
criterion_main!(benches);
