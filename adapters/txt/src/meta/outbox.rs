//! [`EventOutbox`] on the TXT store: the queue lives in the metadata state; queuing is a
//! logged op made durable before it returns, a removal one written without a sync of its
//! own (lost in a power cut, it only means a second delivery). One process owns the
//! directory, so the lease is this process's alone.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use chat_domain::entities::{OutboxEvent, QueuedEvent};
use chat_domain::ports::EventOutbox;
use chat_domain::RepoError;

use super::{Meta, MetaOp};

/// [`EventOutbox`] on the TXT store.
#[derive(Clone)]
pub struct TxtOutbox(pub(crate) Arc<Meta>);

#[async_trait]
impl EventOutbox for TxtOutbox {
    async fn enqueue(&self, events: &[OutboxEvent]) -> Result<(), RepoError> {
        if events.is_empty() {
            return Ok(());
        }
        let m = &self.0;
        let mut log = m.log.lock().await;
        let first = m.state.events.next_position();
        let events = events.to_vec();
        m.commit(&mut log, MetaOp::EventsQueued { first, events })
            .await
    }

    async fn pending(
        &self,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<QueuedEvent>, RepoError> {
        self.0.state.events.pending(after, limit).await
    }

    async fn remove(&self, positions: &[u64]) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let queued = m.state.events.all();
        let positions: Vec<u64> = positions
            .iter()
            .copied()
            .filter(|p| queued.iter().any(|q| q.position == *p))
            .collect();
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
        self.0.state.events.lease(holder, now, until).await
    }
}
