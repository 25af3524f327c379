//! Checks for the live-state ports: presence, event bus, rate limiter.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Duration as Span;
use tokio::sync::Notify;

use chat_domain::entities::PresenceStatus;
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, ConversationId, UserId};
use chat_domain::ports::{EventSink, PresenceTransition as T, RateDecision, RateLimit, SinkFull};

use crate::fixtures::t0;
use crate::LiveHarness;

/// How long a check waits for an event that must arrive.
const ARRIVAL: Duration = Duration::from_secs(5);

/// A sink that records what it receives, optionally refusing past a capacity.
pub struct RecordingSink {
    connection: ConnectionId,
    capacity: usize,
    got: Mutex<Vec<DomainEvent>>,
    resyncs: std::sync::atomic::AtomicUsize,
    arrived: Notify,
}

impl RecordingSink {
    /// A sink for a fresh connection id that holds at most `capacity` events.
    pub fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Self {
            connection: ConnectionId::new(),
            capacity,
            got: Mutex::new(Vec::new()),
            resyncs: Default::default(),
            arrived: Notify::new(),
        })
    }

    /// What arrived so far.
    pub fn events(&self) -> Vec<DomainEvent> {
        self.got.lock().unwrap().clone()
    }

    /// How many resync hints arrived (kept apart from [`Self::events`]).
    pub fn resyncs(&self) -> usize {
        self.resyncs.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits until `n` events arrived, panicking after a few seconds.
    pub async fn wait_for(&self, n: usize) -> Vec<DomainEvent> {
        let deadline = tokio::time::Instant::now() + ARRIVAL;
        loop {
            let notified = self.arrived.notified();
            let got = self.events();
            if got.len() >= n {
                return got;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("waited for {n} events, got {got:?}");
            }
        }
    }
}

impl EventSink for RecordingSink {
    fn connection_id(&self) -> ConnectionId {
        self.connection
    }

    fn deliver(&self, envelope: Arc<Envelope>) -> Result<(), SinkFull> {
        // A node may hint a resync at any moment (Redis stalled past its budget on a busy
        // machine, then answered again): a hint loses nothing, so these checks, which are
        // about the events, count it apart.
        if matches!(envelope.event, DomainEvent::Resync) {
            self.resyncs
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            return Ok(());
        }
        let mut got = self.got.lock().unwrap();
        if got.len() >= self.capacity {
            return Err(SinkFull);
        }
        got.push(envelope.event.clone());
        drop(got);
        self.arrived.notify_waiters();
        Ok(())
    }
}

/// A distinct event: typing in a fresh conversation.
fn tagged() -> DomainEvent {
    DomainEvent::Typing {
        conversation_id: ConversationId::new(),
        user_id: UserId::new(),
    }
}

fn to(event: &DomainEvent, audience: &[UserId]) -> Arc<Envelope> {
    Arc::new(Envelope::new(event.clone(), audience.to_vec()))
}

/// Online at a user's first device, offline at the last, unchanged in between.
pub async fn it_should_announce_online_once_for_two_devices_and_offline_at_the_last(
    h: &impl LiveHarness,
) {
    let (n1, n2) = (h.node().await, h.node().await);
    let u = UserId::new();
    let (phone, laptop) = (ConnectionId::new(), ConnectionId::new());
    assert_eq!(
        n1.presence.connect(u, phone, t0()).await.unwrap(),
        T::CameOnline
    );
    assert_eq!(
        n2.presence.connect(u, laptop, t0()).await.unwrap(),
        T::Unchanged
    );
    assert_eq!(n1.presence.live_connections().await.unwrap(), 2);
    assert_eq!(
        n1.presence.disconnect(u, phone, t0()).await.unwrap(),
        T::Unchanged
    );
    assert_eq!(
        n2.presence.disconnect(u, laptop, t0()).await.unwrap(),
        T::WentOffline
    );
    assert_eq!(
        n2.presence.disconnect(u, laptop, t0()).await.unwrap(),
        T::Unchanged
    );
    assert_eq!(n1.presence.live_connections().await.unwrap(), 0);
}

/// Presence reads back online with its device count, then offline with last seen.
pub async fn it_should_report_presence_with_last_seen(h: &impl LiveHarness) {
    let n = h.node().await;
    let (u, never) = (UserId::new(), UserId::new());
    let c = ConnectionId::new();
    n.presence.connect(u, c, t0()).await.unwrap();
    n.presence
        .connect(u, ConnectionId::new(), t0())
        .await
        .unwrap();
    let p = n.presence.get(&[u, never]).await.unwrap();
    assert_eq!(
        (p[0].user_id, p[0].status, p[0].connections),
        (u, PresenceStatus::Online, 2)
    );
    assert_eq!(
        (p[1].user_id, p[1].status, p[1].last_seen),
        (never, PresenceStatus::Offline, None)
    );

    n.presence
        .heartbeat(u, c, t0() + Span::seconds(10))
        .await
        .unwrap();
    n.presence
        .disconnect(u, c, t0() + Span::seconds(20))
        .await
        .unwrap();
    let p = &n.presence.get(&[u]).await.unwrap()[0];
    assert_eq!(
        (p.status, p.connections, p.last_seen),
        (PresenceStatus::Online, 1, None)
    );
}

/// The last device leaving records last seen; a later query reports it offline with it.
pub async fn it_should_record_last_seen_when_the_last_device_leaves(h: &impl LiveHarness) {
    let n = h.node().await;
    let u = UserId::new();
    let (a, b) = (ConnectionId::new(), ConnectionId::new());
    n.presence.connect(u, a, t0()).await.unwrap();
    n.presence.connect(u, b, t0()).await.unwrap();
    n.presence
        .disconnect(u, a, t0() + Span::seconds(5))
        .await
        .unwrap();
    let gone = t0() + Span::seconds(30);
    n.presence.disconnect(u, b, gone).await.unwrap();
    let p = &n.presence.get(&[u]).await.unwrap()[0];
    assert_eq!(
        (p.status, p.connections, p.last_seen),
        (PresenceStatus::Offline, 0, Some(gone))
    );
    // Coming back online clears it from the answer; leaving again moves it on.
    n.presence.connect(u, a, gone).await.unwrap();
    assert_eq!(n.presence.get(&[u]).await.unwrap()[0].last_seen, None);
    let later = gone + Span::seconds(60);
    n.presence.disconnect(u, a, later).await.unwrap();
    assert_eq!(
        n.presence.get(&[u]).await.unwrap()[0].last_seen,
        Some(later)
    );
}

/// Connecting the same connection twice counts it once.
pub async fn it_should_count_a_repeated_connect_once(h: &impl LiveHarness) {
    let n = h.node().await;
    let u = UserId::new();
    let c = ConnectionId::new();
    assert_eq!(n.presence.connect(u, c, t0()).await.unwrap(), T::CameOnline);
    assert_eq!(n.presence.connect(u, c, t0()).await.unwrap(), T::Unchanged);
    let gone = t0() + Span::seconds(5);
    assert_eq!(
        n.presence.disconnect(u, c, gone).await.unwrap(),
        T::WentOffline
    );
    let p = &n.presence.get(&[u]).await.unwrap()[0];
    assert_eq!(
        (p.status, p.connections, p.last_seen),
        (PresenceStatus::Offline, 0, Some(gone))
    );
}

/// An event reaches every sink of every user in its audience (across nodes) and no one else.
pub async fn it_should_deliver_events_to_the_audience_only(h: &impl LiveHarness) {
    let (n1, n2) = (h.node().await, h.node().await);
    let (alice, bob, carol) = (UserId::new(), UserId::new(), UserId::new());
    let (a1, a2, b, c) = (
        RecordingSink::new(100),
        RecordingSink::new(100),
        RecordingSink::new(100),
        RecordingSink::new(100),
    );
    n1.events.subscribe(alice, a1.clone()).await.unwrap();
    n2.events.subscribe(alice, a2.clone()).await.unwrap();
    n2.events.subscribe(bob, b.clone()).await.unwrap();
    n1.events.subscribe(carol, c.clone()).await.unwrap();

    let (e1, marker) = (tagged(), tagged());
    n1.events.publish(to(&e1, &[alice, bob])).await.unwrap();
    n1.events.publish(to(&marker, &[carol])).await.unwrap();
    assert_eq!(a1.wait_for(1).await, vec![e1.clone()]);
    assert_eq!(a2.wait_for(1).await, vec![e1.clone()]);
    assert_eq!(b.wait_for(1).await, [e1]);
    // Carol's marker was published after e1: if e1 had been sent her way, it would be first.
    assert_eq!(c.wait_for(1).await, [marker]);
}

/// The connection named in `skip_connection` does not get the event; the user's others do.
pub async fn it_should_skip_the_sending_connection(h: &impl LiveHarness) {
    let n = h.node().await;
    let alice = UserId::new();
    let (sender, other) = (RecordingSink::new(100), RecordingSink::new(100));
    n.events.subscribe(alice, sender.clone()).await.unwrap();
    n.events.subscribe(alice, other.clone()).await.unwrap();
    let (e, marker) = (tagged(), tagged());
    let env = Envelope::new(e.clone(), vec![alice]).skipping(Some(sender.connection_id()));
    n.events.publish(Arc::new(env)).await.unwrap();
    n.events.publish(to(&marker, &[alice])).await.unwrap();
    assert_eq!(other.wait_for(2).await, [e, marker.clone()]);
    assert_eq!(sender.wait_for(1).await, [marker]);
}

/// After unsubscribing, a sink gets nothing more; other sinks of the user still do.
pub async fn it_should_stop_delivering_after_unsubscribe(h: &impl LiveHarness) {
    let n = h.node().await;
    let alice = UserId::new();
    let (gone, stays) = (RecordingSink::new(100), RecordingSink::new(100));
    let sub = n.events.subscribe(alice, gone.clone()).await.unwrap();
    n.events.subscribe(alice, stays.clone()).await.unwrap();
    let (e1, e2) = (tagged(), tagged());
    n.events.publish(to(&e1, &[alice])).await.unwrap();
    assert_eq!(gone.wait_for(1).await, vec![e1.clone()]);
    n.events.unsubscribe(alice, sub).await.unwrap();
    n.events.unsubscribe(alice, sub).await.unwrap();
    n.events.publish(to(&e2, &[alice])).await.unwrap();
    assert_eq!(stays.wait_for(2).await, [e1.clone(), e2]);
    assert_eq!(gone.events(), [e1]);
}

/// A sink that refuses (full) does not stop delivery to the rest.
pub async fn it_should_not_let_a_full_sink_hold_up_others(h: &impl LiveHarness) {
    let n = h.node().await;
    let (slow, fast) = (UserId::new(), UserId::new());
    let (full, ok) = (RecordingSink::new(1), RecordingSink::new(100));
    n.events.subscribe(slow, full.clone()).await.unwrap();
    n.events.subscribe(fast, ok.clone()).await.unwrap();
    let events: Vec<_> = (0..20).map(|_| tagged()).collect();
    for e in &events {
        n.events.publish(to(e, &[slow, fast])).await.unwrap();
    }
    assert_eq!(ok.wait_for(20).await, events);
    assert_eq!(full.events(), events[..1]);
}

/// `max` actions pass in a window, the next is limited with a retry hint within the window,
/// and other keys are unaffected.
pub async fn it_should_rate_limit_per_key_within_a_window(h: &impl LiveHarness) {
    let (n1, n2) = (h.node().await, h.node().await);
    let key = format!("send:{}", UserId::new());
    let other = format!("send:{}", UserId::new());
    let limit = RateLimit {
        max: 3,
        window: Duration::from_secs(60),
    };
    for n in [&n1, &n2, &n1] {
        assert_eq!(
            n.rate_limiter.check(&key, limit, t0()).await.unwrap(),
            RateDecision::Allowed
        );
    }
    for n in [&n2, &n1] {
        match n.rate_limiter.check(&key, limit, t0()).await.unwrap() {
            RateDecision::Limited { retry_after } => {
                assert!(
                    retry_after > Duration::ZERO && retry_after <= limit.window,
                    "{retry_after:?}"
                )
            }
            RateDecision::Allowed => panic!("the 4th action in a window of 3 must be limited"),
        }
    }
    assert_eq!(
        n2.rate_limiter.check(&other, limit, t0()).await.unwrap(),
        RateDecision::Allowed
    );
}

/// Once the window has passed, actions are allowed again.
pub async fn it_should_open_a_new_window_after_the_old_one_ends(h: &impl LiveHarness) {
    let n = h.node().await;
    let key = format!("login:{}", UserId::new());
    let limit = RateLimit {
        max: 2,
        window: Duration::from_secs(10),
    };
    for _ in 0..2 {
        assert_eq!(
            n.rate_limiter.check(&key, limit, t0()).await.unwrap(),
            RateDecision::Allowed
        );
    }
    assert!(matches!(
        n.rate_limiter.check(&key, limit, t0()).await.unwrap(),
        RateDecision::Limited { .. }
    ));
    let later = t0() + Span::seconds(10);
    assert_eq!(
        n.rate_limiter.check(&key, limit, later).await.unwrap(),
        RateDecision::Allowed
    );
}
