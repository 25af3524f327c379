//! A node cut off from Redis keeps serving its own connections (local fan-out, local
//! presence, per-node limits), says it is degraded, and rejoins by itself when Redis is
//! reachable again. The cut is a proxy, so the real Redis stays up for other tests.

use std::net::ToSocketAddrs;
use std::sync::Arc;
use std::time::Duration;

use chat_adapter_redis::testing::{test_server_url, TestPrefix};
use chat_adapter_redis::RedisConfig;
use chat_conformance::fixtures::t0;
use chat_conformance::live::RecordingSink;
use chat_conformance::proxy::Proxy;
use chat_conformance::services::unreachable_service;
use chat_domain::entities::PresenceStatus;
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, ConversationId, UserId};
use chat_domain::ports::{Live, PresenceChange, PresenceTransition as T, RateDecision, RateLimit};

fn typing() -> DomainEvent {
    DomainEvent::Typing {
        conversation_id: ConversationId::new(),
        user_id: UserId::new(),
    }
}

fn to(e: &DomainEvent, who: UserId) -> Arc<Envelope> {
    Arc::new(Envelope::new(e.clone(), vec![who]))
}

/// Publishes fresh events from `from` to `who` until one reaches `sink`, for up to 10 s.
async fn until_delivered(from: &Live, who: UserId, sink: &RecordingSink) {
    for _ in 0..100 {
        let e = typing();
        let _ = from.events.publish(to(&e, who)).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        if sink.events().contains(&e) {
            return;
        }
    }
    panic!("events never crossed between the nodes");
}

/// A test prefix on the real Redis and a cuttable proxy in front of it.
struct Setup {
    p: TestPrefix,
    proxy: Proxy,
    url: String,
}

async fn setup() -> Option<Setup> {
    let url = test_server_url();
    let p = match TestPrefix::new(&url).await {
        Ok(p) => p,
        Err(e) => return unreachable_service("Redis", &format!("{url}: {e}")),
    };
    let host_port = url
        .trim_start_matches("redis://")
        .split('/')
        .next()?
        .to_owned();
    let upstream = host_port.to_socket_addrs().ok()?.next()?;
    let proxy = Proxy::start(upstream).await.unwrap();
    Some(Setup { p, proxy, url })
}

fn config(p: &TestPrefix, url: String) -> RedisConfig {
    RedisConfig {
        prefix: p.prefix().to_owned(),
        command_timeout: Duration::from_millis(500),
        ..RedisConfig::new(url)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_cut_off_from_redis_serves_locally_and_rejoins() {
    let Some(Setup { p, proxy, url }) = setup().await else {
        return;
    };
    let config = |url: String| config(&p, url);
    let cut_off = chat_adapter_redis::connect(&config(format!("redis://{}", proxy.addr())))
        .await
        .unwrap();
    let other = chat_adapter_redis::connect(&config(url.clone()))
        .await
        .unwrap();
    let (alice, bob) = (UserId::new(), UserId::new());
    let (a_sink, b_sink) = (RecordingSink::new(1000), RecordingSink::new(1000));
    cut_off
        .events
        .subscribe(alice, a_sink.clone())
        .await
        .unwrap();
    other.events.subscribe(bob, b_sink.clone()).await.unwrap();
    until_delivered(&other, alice, &a_sink).await;
    assert!(cut_off.events.health().await.is_ok());
    assert_eq!(a_sink.resyncs(), 0);

    proxy.cut();
    assert!(
        cut_off.events.health().await.is_err(),
        "health says degraded"
    );
    // Local fan-out still works; only the other nodes are out of reach.
    let local = typing();
    let published = cut_off.events.publish(to(&local, alice)).await;
    assert!(published.is_err());
    assert!(a_sink.events().contains(&local));
    // Presence and limits answer from this node alone.
    let carol = UserId::new();
    let phone = ConnectionId::new();
    assert_eq!(
        cut_off.presence.connect(carol, phone, t0()).await.unwrap(),
        T::CameOnline
    );
    let limit = RateLimit {
        max: 1,
        window: Duration::from_secs(60),
    };
    let key = format!("send:{carol}");
    assert_eq!(
        cut_off.rate_limiter.check(&key, limit, t0()).await.unwrap(),
        RateDecision::Allowed
    );
    assert!(matches!(
        cut_off.rate_limiter.check(&key, limit, t0()).await.unwrap(),
        RateDecision::Limited { .. }
    ));

    proxy.restore();
    // Events cross both ways again without a restart.
    until_delivered(&other, alice, &a_sink).await;
    until_delivered(&cut_off, bob, &b_sink).await;
    assert!(cut_off.events.health().await.is_ok());
    // What the other node published meanwhile never arrived: the node back tells its
    // connections to sync; the node that stayed joined tells its own nothing.
    for _ in 0..50 {
        if a_sink.resyncs() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(a_sink.resyncs() > 0, "a resync hint");
    assert_eq!(b_sink.resyncs(), 0);
    // Carol connected while Redis was away: the node's next sweep writes her connection
    // back and reports her as come online, to be announced; heartbeats then go on as usual.
    let changes = cut_off.presence.expire(t0()).await.unwrap();
    let back = PresenceChange {
        user_id: carol,
        status: PresenceStatus::Online,
        last_seen: None,
    };
    assert_eq!(changes, [back]);
    assert_eq!(
        other.presence.get(&[carol]).await.unwrap()[0].connections,
        1
    );
    let beat = cut_off
        .presence
        .heartbeat(carol, phone, t0())
        .await
        .unwrap();
    assert_eq!(beat, T::Unchanged);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_started_while_redis_is_down_joins_when_it_comes_up() {
    let Some(Setup { p, proxy, url }) = setup().await else {
        return;
    };
    proxy.cut();
    let config = |url: String| config(&p, url);
    let late = chat_adapter_redis::connect(&config(format!("redis://{}", proxy.addr())))
        .await
        .unwrap();
    assert!(late.events.health().await.is_err());
    let other = chat_adapter_redis::connect(&config(url.clone()))
        .await
        .unwrap();
    let alice = UserId::new();
    let sink = RecordingSink::new(1000);
    late.events.subscribe(alice, sink.clone()).await.unwrap();

    proxy.restore();
    until_delivered(&other, alice, &sink).await;
    assert!(late.events.health().await.is_ok());
}

/// A Redis that hangs (connections open, nothing answered) costs one call budget (250
/// ms): after the first call waits it out, every call falls back at once, and the node
/// goes back to Redis by itself once it answers again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_redis_costs_one_timeout_then_calls_fall_back_at_once() {
    use std::time::Instant;
    let Some(Setup { p, proxy, url }) = setup().await else {
        return;
    };
    let config = |url: String| config(&p, url);
    let hung = chat_adapter_redis::connect(&config(format!("redis://{}", proxy.addr())))
        .await
        .unwrap();
    let other = chat_adapter_redis::connect(&config(url.clone()))
        .await
        .unwrap();
    let limit = RateLimit {
        max: 1_000,
        window: Duration::from_secs(3600),
    };
    let key = format!("send:{}", UserId::new());
    let check = |live: &Live| {
        let (live, key) = (live.clone(), key.clone());
        async move {
            let started = Instant::now();
            let d = live.rate_limiter.check(&key, limit, t0()).await.unwrap();
            assert_eq!(d, RateDecision::Allowed);
            started.elapsed()
        }
    };
    check(&hung).await;

    proxy.stall();
    // The first call waits out its budget, then answers from this node.
    let first = check(&hung).await;
    assert!(first >= Duration::from_millis(200), "{first:?}");
    // From then on, none waits: 200 calls in well under one timeout.
    let started = Instant::now();
    for _ in 0..200 {
        check(&hung).await;
    }
    let rest = started.elapsed();
    assert!(rest < Duration::from_millis(250), "200 calls took {rest:?}");
    assert!(hung.events.health().await.is_err(), "health says degraded");

    proxy.restore();
    // Back on Redis: the counts the two nodes make are one again.
    let shared = async {
        loop {
            let key = format!("send:{}", UserId::new());
            let one = RateLimit {
                max: 1,
                window: Duration::from_secs(3600),
            };
            let _ = other.rate_limiter.check(&key, one, t0()).await;
            if matches!(
                hung.rate_limiter.check(&key, one, t0()).await,
                Ok(RateDecision::Limited { .. })
            ) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), shared)
        .await
        .expect("the node counts on Redis again within 10 s");
    println!("stalled: first call {first:?}, the next 200 in {rest:?}");
}
