//! Fan-out of one event to 1,000 local subscribers through the in-process bus (what each
//! node does for its own connections). `cargo bench -p chat-memory --bench fanout`

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, ConversationId, UserId};
use chat_domain::ports::{EventBus, EventSink, SinkFull};
use chat_memory::MemoryEventBus;

/// A sink that only counts, as cheap as a queue push.
struct Counting(ConnectionId, AtomicU64);

impl EventSink for Counting {
    fn connection_id(&self) -> ConnectionId {
        self.0
    }
    fn deliver(&self, _: Arc<Envelope>) -> Result<(), SinkFull> {
        self.1.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

fn fanout(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let bus = MemoryEventBus::default();
    let users: Vec<UserId> = (0..1000).map(|_| UserId::new()).collect();
    rt.block_on(async {
        for u in &users {
            let sink = Arc::new(Counting(ConnectionId::new(), AtomicU64::new(0)));
            bus.subscribe(*u, sink).await.unwrap();
        }
    });
    let event = DomainEvent::Typing {
        conversation_id: ConversationId::new(),
        user_id: users[0],
    };
    let mut g = c.benchmark_group("fanout");
    g.throughput(Throughput::Elements(users.len() as u64));
    g.bench_function("1000_local_subscribers", |b| {
        b.iter(|| {
            let envelope = Arc::new(Envelope::new(event.clone(), users.clone()));
            bus.deliver_local(&envelope);
        })
    });
    g.finish();
}

criterion_group!(benches, fanout);
criterion_main!(benches);
