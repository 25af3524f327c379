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
            done_tx,
            done_rx,
            tasks: JoinSet::new(),
        }
    }

    async fn step(&mut self) {
        let settings = self.app.settings.events.clone();
        if !self.leased(settings.lease).await {
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

    /// Hands events not yet out to their conversations' lanes, oldest first.
    async fn read_and_dispatch(&mut self) -> Result<(), chat_domain::RepoError> {
        let events = self.app.ports.storage.events.clone();
        let mut after = None;
        // From the oldest each time (a late commit may sit below what was read); past a
        // full page of events already out, on to the next.
        for _ in 0..8 {
            let page = events.pending(after, PAGE).await?;
            let full = page.len() == PAGE;
            after = page.last().map(|q| q.position);
            let mut handed = 0;
            for queued in page {
                if self.in_flight.contains_key(&queued.position) {
                    continue;
                }
                self.hand_out(queued);
                handed += 1;
            }
            if handed > 0 || !full {
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
