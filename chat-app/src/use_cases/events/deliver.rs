//! The delivery loop: while this node holds the lease, queued events are read in order and
//! handed to one lane per conversation (so a conversation's events go out one at a time,
//! in order, while conversations proceed side by side); each delivered or given-up event
//! is taken off the queue.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chat_domain::entities::QueuedEvent;
use chat_domain::ids::{ConversationId, EventId};
use chat_domain::ports::EventDelivery;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;

use super::lane;
use crate::ChatApp;

/// Events read from the queue at once.
const PAGE: usize = 500;
/// Events handed to lanes and not yet off the queue, at most: past it, reading waits.
const MAX_OUT: usize = 20_000;
/// How often the queue is read from its oldest event again, for events a write that
/// committed late queued below what was read (SQL stores under concurrent writes).
const RESCAN: Duration = Duration::from_secs(5);

impl ChatApp {
    /// Delivers queued events to the host's events receiver for as long as it runs: spawn
    /// it beside the server and abort it at shutdown (what is not delivered stays queued,
    /// for the next start or another node). Of several nodes sharing a store, the one
    /// holding the lease delivers. Returns at once without an events receiver.
    pub async fn deliver_events(self) {
        let Some(sink) = self.ports.events_out.clone() else {
            return;
        };
        let mut dispatch = Dispatch::new(self, sink);
        loop {
            dispatch.step().await;
        }
    }
}

struct Dispatch {
    app: ChatApp,
    sink: Arc<dyn EventDelivery>,
    holder: String,
    renewed: Option<Instant>,
    /// Each conversation with events out: its lane and how many it has.
    lanes: HashMap<ConversationId, (mpsc::UnboundedSender<QueuedEvent>, usize)>,
    /// Positions handed to a lane (or done and not yet taken off the queue).
    in_flight: HashMap<u64, ConversationId>,
    finished: Vec<u64>,
    /// The highest position read, and when the queue was last read from its oldest.
    cursor: Option<u64>,
    rescanned: Option<Instant>,
    done_tx: mpsc::UnboundedSender<u64>,
    done_rx: mpsc::UnboundedReceiver<u64>,
    /// Dropped with the loop, which stops every lane.
    tasks: JoinSet<()>,
}

impl Dispatch {
    fn new(app: ChatApp, sink: Arc<dyn EventDelivery>) -> Self {
        let (done_tx, done_rx) = mpsc::unbounded_channel();
        Self {
            app,
            sink,
            holder: format!("node-{}", EventId::new()),
            renewed: None,
            lanes: HashMap::new(),
            in_flight: HashMap::new(),
            finished: Vec::new(),
            cursor: None,
            rescanned: None,
            done_tx,
            done_rx,
            tasks: JoinSet::new(),
        }
    }

    async fn step(&mut self) {
        let settings = self.app.settings.events.clone();
        self.queue_held().await;
        if !self.leased(settings.lease).await {
            self.stand_down();
            tokio::time::sleep(settings.lease / 3).await;
            return;
        }
        self.take_off_finished().await;
        if let Err(e) = self.read_and_dispatch().await {
            tracing::debug!(error = %e, "reading the events queue failed");
        }
        while self.tasks.try_join_next().is_some() {}
        tokio::select! {
            () = self.app.outbound.queued.notified() => {}
            Some(position) = self.done_rx.recv() => self.finished.push(position),
            () = tokio::time::sleep(settings.poll) => {}
        }
    }

    /// Queues the events the store refused when they happened (held in this node's
    /// memory), whether or not this node delivers.
    async fn queue_held(&self) {
        let held = self.app.outbound.take_held();
        if held.is_empty() {
            return;
        }
        if let Err(e) = self.app.ports.storage.events.enqueue(&held).await {
            tracing::debug!(error = %e, "held events still not queued");
            self.app.outbound.hold_again(held);
        }
    }

    /// Another node delivers now: every lane stops (what they had stays queued, for the
    /// holder), so no event goes out from two nodes.
    fn stand_down(&mut self) {
        if self.in_flight.is_empty() {
            return;
        }
        self.tasks.abort_all();
        self.lanes.clear();
        self.in_flight.clear();
        self.finished.clear();
        self.cursor = None;
        self.rescanned = None;
        while self.done_rx.try_recv().is_ok() {}
    }

    /// Whether this node may deliver, renewing its lease a third of the way through.
    async fn leased(&mut self, lease: Duration) -> bool {
        if self.renewed.is_some_and(|at| at.elapsed() < lease / 3) {
            return true;
        }
        let now = self.app.ports.clock.now();
        let until = now + chrono::Duration::from_std(lease).unwrap_or_default();
        let events = &self.app.ports.storage.events;
        match events.lease(&self.holder, now, until).await {
            Ok(true) => {
                self.renewed = Some(Instant::now());
                true
            }
            Ok(false) => {
                self.renewed = None;
                false
            }
            Err(e) => {
                tracing::debug!(error = %e, "the events lease could not be renewed");
                // Still ours until it runs out, as far as anyone can tell.
                self.renewed.is_some_and(|at| at.elapsed() < lease)
            }
        }
    }

    /// Takes delivered (or given-up) events off the queue, and lanes with nothing left
    /// out of the map.
    async fn take_off_finished(&mut self) {
        while let Ok(position) = self.done_rx.try_recv() {
            self.finished.push(position);
        }
        if self.finished.is_empty() {
            return;
        }
        let events = &self.app.ports.storage.events;
        if let Err(e) = events.remove(&self.finished).await {
            // Kept in flight, so not delivered again meanwhile; tried again next step.
            tracing::warn!(error = %e, "delivered events could not be taken off the queue");
            return;
        }
        for position in self.finished.drain(..) {
            let Some(conversation) = self.in_flight.remove(&position) else {
                continue;
            };
            if let Some((_, left)) = self.lanes.get_mut(&conversation) {
                *left -= 1;
                if *left == 0 {
                    // Its sender dropped: the lane ends.
                    self.lanes.remove(&conversation);
                }
            }
        }
    }

    /// Hands events not yet out to their conversations' lanes, in queue order: those
    /// after the last one read, and every few seconds all from the oldest.
    async fn read_and_dispatch(&mut self) -> Result<(), chat_domain::RepoError> {
        let events = self.app.ports.storage.events.clone();
        let rescan = self.rescanned.is_none_or(|at| at.elapsed() >= RESCAN);
        let mut after = if rescan { None } else { self.cursor };
        if rescan {
            self.rescanned = Some(Instant::now());
        }
        while self.in_flight.len() < MAX_OUT {
            let page = events.pending(after, PAGE).await?;
            let full = page.len() == PAGE;
            after = page.last().map(|q| q.position).or(after);
            for queued in page {
                self.cursor = self.cursor.max(Some(queued.position));
                if !self.in_flight.contains_key(&queued.position) {
                    self.hand_out(queued);
                }
            }
            if !full {
                break;
            }
        }
        Ok(())
    }

    fn hand_out(&mut self, queued: QueuedEvent) {
        let conversation = queued.event.event.conversation_id();
        self.in_flight.insert(queued.position, conversation);
        let (lane, count) = self.lanes.entry(conversation).or_insert_with(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            let run = lane::run(
                self.app.clone(),
                self.sink.clone(),
                rx,
                self.done_tx.clone(),
            );
            self.tasks.spawn(run);
            (tx, 0)
        });
        *count += 1;
        // A lane ends only when its sender is dropped, which happens above after its last
        // event: this send finds it running.
        let _ = lane.send(queued);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use chat_domain::entities::{IntegrationEvent, OutboxEvent};
    use chat_domain::ids::{ConversationId, EventId, UserId};
    use chat_domain::ports::{DeliveredEvent, DeliveryFailed, EventPayload};

    use crate::testing::*;
    use crate::{EventDeliverySettings, Settings};

    fn member_added(conversation: ConversationId, n: u8) -> OutboxEvent {
        let user = UserId::from_uuid(uuid::Uuid::from_u128(u128::from(n)));
        OutboxEvent {
            id: EventId::new(),
            at: now(),
            event: IntegrationEvent::MemberAdded {
                conversation_id: conversation,
                user_id: user,
                by: user,
            },
        }
    }

    /// Which event (conversation, n) went out, in the order they did.
    fn tag(e: &DeliveredEvent) -> (ConversationId, u128) {
        match &e.payload {
            EventPayload::MemberAdded {
                conversation_id,
                user_id,
                ..
            } => (*conversation_id, user_id.as_uuid().as_u128()),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_conversations_events_go_out_in_order_and_a_stuck_one_holds_up_no_other() {
        let (stuck, free) = (ConversationId::new(), ConversationId::new());
        let out: Arc<Mutex<Vec<(ConversationId, u128)>>> = Arc::default();
        let refusals = Arc::new(Mutex::new(3));
        let mut sink = MockDelivery::new();
        let (seen, left) = (out.clone(), refusals.clone());
        sink.expect_deliver().returning(move |e| {
            let t = tag(e);
            let mut left = left.lock().unwrap();
            if t == (stuck, 1) && *left > 0 {
                *left -= 1;
                return Err(DeliveryFailed("500".into()));
            }
            seen.lock().unwrap().push(t);
            Ok(())
        });
        let ports = memory_ports_with(|p| p.events_out = Some(Arc::new(sink)));
        let storage = ports.storage.clone();
        let settings = Settings {
            events: EventDeliverySettings {
                // Three refusals hold the stuck event back 100 + 200 + 400 ms.
                first_backoff: Duration::from_millis(100),
                ..EventDeliverySettings::default()
            },
            ..Settings::default()
        };
        let app = crate::ChatApp::new(ports, settings);
        let queued: Vec<_> = (1..=3)
            .flat_map(|n| [member_added(stuck, n), member_added(free, n)])
            .collect();
        storage.events.enqueue(&queued).await.unwrap();
        let running = tokio::spawn(app.clone().deliver_events());

        for _ in 0..50 {
            if out.lock().unwrap().len() >= 3 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let early = out.lock().unwrap().clone();
        assert_eq!(
            early,
            [(free, 1), (free, 2), (free, 3)],
            "the other lane went on"
        );
        for _ in 0..200 {
            if out.lock().unwrap().len() == 6 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let all = out.lock().unwrap().clone();
        let stuck_order: Vec<_> = all.iter().filter(|t| t.0 == stuck).map(|t| t.1).collect();
        assert_eq!(stuck_order, [1, 2, 3], "in order, after its retries");
        assert_eq!(app.events_delivered(), 6);
        for _ in 0..100 {
            if storage.events.pending(None, 10).await.unwrap().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(
            storage.events.pending(None, 10).await.unwrap().is_empty(),
            "taken off"
        );
        running.abort();
    }
}
