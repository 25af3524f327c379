//! [`EventOutbox`] on the TXT store: the queue lives in the metadata state. Queuing is a
//! logged op made durable before it returns, with group commit: events queued while an
//! earlier write is being synced go out together in the next one, so many senders share
//! one sync. A removal is written without a sync of its own (lost in a power cut, it only
//! means a second delivery). One process owns the directory, so the lease is this
//! process's alone.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio::sync::oneshot;

use chat_domain::entities::{OutboxEvent, QueuedEvent};
use chat_domain::ports::EventOutbox;
use chat_domain::RepoError;

use super::{Meta, MetaOp};

type Waiting = Vec<(Vec<OutboxEvent>, oneshot::Sender<Result<(), RepoError>>)>;

/// Events waiting for the next write, and whether a caller is writing.
#[derive(Default)]
struct Group {
    waiting: Mutex<Waiting>,
    writing: AtomicBool,
}

/// [`EventOutbox`] on the TXT store.
#[derive(Clone)]
pub struct TxtOutbox {
    meta: Arc<Meta>,
    group: Arc<Group>,
}

impl TxtOutbox {
    pub(crate) fn new(meta: Arc<Meta>) -> Self {
        Self {
            meta,
            group: Arc::default(),
        }
    }

    fn take_waiting(&self) -> Waiting {
        std::mem::take(&mut *self.group.waiting.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Writes what is waiting, one op per round, until nothing is; then lets go of the
    /// writer's role (taking it back if events arrived meanwhile).
    async fn write_rounds(&self) {
        loop {
            let round = self.take_waiting();
            if round.is_empty() {
                self.group.writing.store(false, Ordering::SeqCst);
                let more = !self
                    .group
                    .waiting
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .is_empty();
                if more && !self.group.writing.swap(true, Ordering::SeqCst) {
                    continue;
                }
                return;
            }
            let (events, answers): (Vec<_>, Vec<_>) = round.into_iter().unzip();
            let events: Vec<OutboxEvent> = events.into_iter().flatten().collect();
            let m = &self.meta;
            let mut log = m.log.lock().await;
            let first = m.state.events.next_position();
            let written = m
                .commit(&mut log, MetaOp::EventsQueued { first, events })
                .await;
            drop(log);
            for answer in answers {
                let _ = answer.send(written.clone());
            }
        }
    }
}

#[async_trait]
impl EventOutbox for TxtOutbox {
    async fn enqueue(&self, events: &[OutboxEvent]) -> Result<(), RepoError> {
        if events.is_empty() {
            return Ok(());
        }
        let (answer, written) = oneshot::channel();
        self.group
            .waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((events.to_vec(), answer));
        if !self.group.writing.swap(true, Ordering::SeqCst) {
            // A task of its own: a caller that goes away must not leave the role taken.
            let writer = self.clone();
            tokio::spawn(async move { writer.write_rounds().await });
        }
        written
            .await
            .unwrap_or_else(|_| Err(RepoError::Unavailable("the event write was dropped".into())))
    }

    async fn pending(
        &self,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<QueuedEvent>, RepoError> {
        self.meta.state.events.pending(after, limit).await
    }

    async fn remove(&self, positions: &[u64]) -> Result<(), RepoError> {
        let m = &self.meta;
        let mut log = m.log.lock().await;
        let positions = m.state.events.queued(positions);
        if positions.is_empty() {
            return Ok(());
        }
        m.commit_lazily(&mut log, MetaOp::EventsRemoved { positions })
            .await
    }

    async fn lease(
        &self,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        self.meta.state.events.lease(holder, now, until).await
    }
}
