//! The edge's shared state: the core, the settings, the counters, the connection slots
//! and the shutdown signal, handed to every request and connection.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{watch, Notify};

use chat_app::ChatApp;
use chat_domain::ids::UserId;

pub(crate) use crate::slots::Slot;
use crate::slots::Slots;
use crate::{EdgeConfig, Metrics};

/// Everything a request handler needs: the core, the edge settings, the counters and the
/// shutdown signal. Cheap to clone: one pointer, so the many tasks that hold it (a
/// connection holds it for its whole life) stay small.
#[derive(Clone)]
pub struct Edge(Arc<EdgeState>);

/// What an [`Edge`] shares (reached through it, as `edge.app`).
pub struct EdgeState {
    /// The chat core.
    pub app: ChatApp,
    /// Edge settings.
    pub config: Arc<EdgeConfig>,
    /// Counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    shutdown: watch::Receiver<bool>,
    shutdown_tx: Arc<watch::Sender<bool>>,
    live: Arc<LiveTasks>,
    slots: Slots,
    transfers: Slots,
}

#[derive(Default)]
struct LiveTasks {
    count: AtomicUsize,
    idle: Notify,
}

/// Held by each connection task; shutdown waits until every guard is dropped.
pub(crate) struct TaskGuard(Arc<LiveTasks>);

impl Drop for TaskGuard {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl std::ops::Deref for Edge {
    type Target = EdgeState;

    fn deref(&self) -> &EdgeState {
        &self.0
    }
}

impl Edge {
    /// An edge over `app`.
    pub fn new(app: ChatApp, config: EdgeConfig) -> Self {
        let (tx, rx) = watch::channel(false);
        Self(Arc::new(EdgeState {
            app,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            shutdown: rx,
            shutdown_tx: Arc::new(tx),
            live: Arc::default(),
            slots: Slots::default(),
            transfers: Slots::default(),
        }))
    }

    /// Claims one of `user`'s connection slots on this node, if fewer than the limit are
    /// taken. Atomic, so parallel upgrades cannot all slip under the limit.
    pub(crate) fn claim_slot(&self, user: UserId) -> Option<Slot> {
        self.slots.claim(user, self.config.max_connections_per_user)
    }

    /// Claims one of `user`'s file transfers (uploads and downloads in progress) on this
    /// node, if fewer than `max_transfers_per_user` are running: a few large transfers
    /// must not take the node's bandwidth and memory from everyone else.
    pub(crate) fn claim_transfer(&self, user: UserId) -> Option<Slot> {
        self.transfers
            .claim(user, self.config.max_transfers_per_user)
    }

    /// Tells every WebSocket connection to close with 1001.
    pub fn begin_shutdown(&self) {
        self.shutdown_tx.send_replace(true);
    }

    /// Closes every WebSocket (1001) and waits, up to the shutdown grace, until their
    /// tasks have ended: for a host that serves [`Edge::service`] and stops.
    pub async fn shutdown(&self) {
        self.begin_shutdown();
        let _ = tokio::time::timeout(self.config.shutdown_grace, self.connections_closed()).await;
    }

    pub(crate) fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown.clone()
    }

    pub(crate) fn track_connection(&self) -> TaskGuard {
        self.live.count.fetch_add(1, Ordering::AcqRel);
        TaskGuard(self.live.clone())
    }

    /// Waits until every connection task (HTTP and WebSocket) has ended.
    pub async fn connections_closed(&self) {
        loop {
            let idle = self.live.idle.notified();
            if self.live.count.load(Ordering::Acquire) == 0 {
                return;
            }
            idle.await;
        }
    }

    /// Records a send's outcome: `Some(created)` on success.
    pub(crate) fn record_send(&self, started: Instant, created: Option<bool>) {
        if let Some(created) = created {
            self.metrics.ack_latency(started.elapsed());
            if created {
                self.metrics.messages_total.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}
