use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::entities::{OutboxEvent, QueuedEvent};
use crate::RepoError;

/// The queue of events for the host's events receiver, kept in the store so events
/// survive a restart; with a lease, so of several nodes sharing a store one delivers at
/// a time (in order, per conversation).
#[async_trait]
pub trait EventOutbox: Send + Sync {
    /// Queues `events`, in the given order, after every event queued before; durable on
    /// return.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be written; none of `events` is
    /// queued then.
    async fn enqueue(&self, events: &[OutboxEvent]) -> Result<(), RepoError>;

    /// Up to `limit` queued events after position `after` (from the oldest when `None`),
    /// in queue order. An event queued by a write that committed late may show up with
    /// a position below ones already read; readers start again from the oldest now and
    /// then.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn pending(
        &self,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<QueuedEvent>, RepoError>;

    /// Takes events off the queue (delivered, or given up). Unknown positions are
    /// ignored. A removal lost in a crash only means a second delivery.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be written.
    async fn remove(&self, positions: &[u64]) -> Result<(), RepoError>;

    /// Takes, or renews, the right to deliver for `holder` until `until`; `false` when
    /// another holder has it at `now`. Only one holder at a time gets `true`.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be reached.
    async fn lease(
        &self,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, RepoError>;
}
