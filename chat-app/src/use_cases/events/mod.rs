//! Events for the host's systems (the events webhook): queued in the store as the changes
//! behind them happen ([`ChatApp::record`]), delivered at least once, in order per
//! conversation, by one node at a time ([`ChatApp::deliver_events`]).

mod deliver;
mod lane;
mod record;

pub(crate) use record::message_created;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chat_domain::entities::OutboxEvent;
use tokio::sync::Notify;

/// How queued events are delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDeliverySettings {
    /// Attempts per event before it is given up (a dead letter, counted and logged).
    pub max_attempts: u32,
    /// The wait before the second attempt; it doubles up to `max_backoff`.
    pub first_backoff: Duration,
    /// The longest wait between attempts.
    pub max_backoff: Duration,
    /// How long a node holds the right to deliver without renewing it: another takes
    /// over that long after the holder stops.
    pub lease: Duration,
    /// How often the queue is read for events other nodes queued.
    pub poll: Duration,
}

impl Default for EventDeliverySettings {
    /// 12 attempts from 500 ms, doubling up to 60 s apart (about 6 minutes in all); a
    /// 15-second lease; the queue read every half second.
    fn default() -> Self {
        Self {
            max_attempts: 12,
            first_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(60),
            lease: Duration::from_secs(15),
            poll: Duration::from_millis(500),
        }
    }
}

/// Events held in memory while the store refuses them, at most; past it they are lost
/// (and counted).
const HELD_MAX: usize = 100_000;

/// This node's side of event delivery: the wake-up for new events, events the store
/// refused for now, and the counts.
#[derive(Default)]
pub struct Outbound {
    queued: Notify,
    held: Mutex<Vec<OutboxEvent>>,
    delivered: AtomicU64,
    dead: AtomicU64,
    lost: AtomicU64,
}

impl Outbound {
    /// Keeps `events` until they can be queued.
    fn hold(&self, events: Vec<OutboxEvent>) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let room = HELD_MAX.saturating_sub(held.len());
        let lost = events.len().saturating_sub(room);
        held.extend(events.into_iter().take(room));
        if lost > 0 {
            self.lost.fetch_add(lost as u64, Ordering::Relaxed);
            tracing::error!(
                lost,
                "events lost: too many held while the store refused them"
            );
        }
    }

    /// Takes what is held, oldest first.
    fn take_held(&self) -> Vec<OutboxEvent> {
        std::mem::take(&mut *self.held.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Puts back what could not be queued yet, before anything held since.
    fn hold_again(&self, mut events: Vec<OutboxEvent>) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        events.append(&mut held);
        *held = events;
    }
}

impl crate::ChatApp {
    /// Events delivered by this node since it started.
    pub fn events_delivered(&self) -> u64 {
        self.outbound.delivered.load(Ordering::Relaxed)
    }

    /// Events this node gave up after every attempt failed (dead letters).
    pub fn events_dead(&self) -> u64 {
        self.outbound.dead.load(Ordering::Relaxed)
    }

    /// Events this node could not queue and could hold no more of (the store refused
    /// writes for long).
    pub fn events_lost(&self) -> u64 {
        self.outbound.lost.load(Ordering::Relaxed)
    }
}
