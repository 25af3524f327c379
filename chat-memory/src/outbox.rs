use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::Mutex;

use chat_domain::entities::{OutboxEvent, QueuedEvent};
use chat_domain::ports::EventOutbox;
use chat_domain::RepoError;

use crate::lock;

#[derive(Default)]
struct State {
    /// The next position handed out.
    next: u64,
    queue: BTreeMap<u64, OutboxEvent>,
    /// Who may deliver, until when.
    lease: Option<(String, DateTime<Utc>)>,
}

/// [`EventOutbox`] in memory: nothing survives the process (the TXT store persists it).
#[derive(Default)]
pub struct MemoryOutbox(Mutex<State>);

impl MemoryOutbox {
    /// Every queued event, in queue order, for adapters that persist this state.
    pub fn all(&self) -> Vec<QueuedEvent> {
        lock(&self.0)
            .queue
            .iter()
            .map(|(position, event)| QueuedEvent {
                position: *position,
                event: event.clone(),
            })
            .collect()
    }

    /// Those of `positions` still queued.
    pub fn queued(&self, positions: &[u64]) -> Vec<u64> {
        let s = lock(&self.0);
        positions
            .iter()
            .copied()
            .filter(|p| s.queue.contains_key(p))
            .collect()
    }

    /// The position the next queued event takes.
    pub fn next_position(&self) -> u64 {
        lock(&self.0).next.max(1)
    }

    /// Puts `event` at its own position (as an adapter replays what it persisted); the
    /// positions handed out from then on come after it.
    pub fn insert(&self, event: QueuedEvent) {
        let mut s = lock(&self.0);
        s.next = s.next.max(event.position + 1);
        s.queue.insert(event.position, event.event);
    }
}

#[async_trait]
impl EventOutbox for MemoryOutbox {
    async fn enqueue(&self, events: &[OutboxEvent]) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        for event in events {
            let position = s.next.max(1);
            s.next = position + 1;
            s.queue.insert(position, event.clone());
        }
        Ok(())
    }

    async fn pending(
        &self,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<QueuedEvent>, RepoError> {
        let s = lock(&self.0);
        let from = after.map_or(0, |a| a.saturating_add(1));
        Ok(s.queue
            .range(from..)
            .take(limit)
            .map(|(position, event)| QueuedEvent {
                position: *position,
                event: event.clone(),
            })
            .collect())
    }

    async fn remove(&self, positions: &[u64]) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        for p in positions {
            s.queue.remove(p);
        }
        Ok(())
    }

    async fn lease(
        &self,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let mut s = lock(&self.0);
        let free = match &s.lease {
            Some((who, end)) => who == holder || *end <= now,
            None => true,
        };
        if free {
            s.lease = Some((holder.to_owned(), until));
        }
        Ok(free)
    }
}
