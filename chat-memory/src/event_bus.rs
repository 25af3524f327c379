use async_trait::async_trait;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, RwLock};

use foldhash::fast::RandomState;

use chat_domain::events::Envelope;
use chat_domain::ids::UserId;
use chat_domain::ports::{EventBus, EventSink, SubscriptionId};
use chat_domain::RepoError;

const SHARDS: usize = 32;

// User ids are random and server-made, so a fast hasher is safe here; SipHash showed in
// fan-out profiles.
type Sinks = HashMap<UserId, Vec<Arc<dyn EventSink>>, RandomState>;

/// [`EventBus`] within one process: delivers each envelope to the sinks subscribed for
/// its audience. The registry is sharded by user so connects, disconnects and fan-out on
/// different users rarely contend.
pub struct MemoryEventBus {
    shards: Vec<RwLock<Sinks>>,
    hasher: RandomState,
}

impl Default for MemoryEventBus {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| RwLock::default()).collect(),
            hasher: RandomState::default(),
        }
    }
}

impl MemoryEventBus {
    fn shard_of(&self, user: &UserId) -> usize {
        self.hasher.hash_one(user) as usize % SHARDS
    }

    fn shard(&self, user: &UserId) -> &RwLock<Sinks> {
        &self.shards[self.shard_of(user)]
    }

    /// Delivers to local sinks only. Distributed buses call this for events that arrive
    /// from other nodes.
    pub fn deliver_local(&self, envelope: &Arc<Envelope>) {
        // Grouped by shard, so a large audience takes each shard's lock once.
        let mut audience: Vec<(usize, &UserId)> = envelope
            .audience
            .iter()
            .map(|u| (self.shard_of(u), u))
            .collect();
        audience.sort_unstable_by_key(|(shard, _)| *shard);
        for group in audience.chunk_by(|a, b| a.0 == b.0) {
            let shard = self.shards[group[0].0]
                .read()
                .unwrap_or_else(|e| e.into_inner());
            for (_, user) in group {
                for sink in shard.get(*user).into_iter().flatten() {
                    if Some(sink.connection_id()) != envelope.skip_connection {
                        // A full sink is the sink owner's to handle (it closes the slow
                        // connection); the others still get the event.
                        let _ = sink.deliver(envelope.clone());
                    }
                }
            }
        }
    }

    /// Every user with a sink on this node (distributed buses re-register them after
    /// their backend comes back).
    pub fn subscribed_users(&self) -> Vec<UserId> {
        self.shards
            .iter()
            .flat_map(|s| {
                let s = s.read().unwrap_or_else(|e| e.into_inner());
                s.keys().copied().collect::<Vec<_>>()
            })
            .collect()
    }

    /// Whether any sink on this node is subscribed for `user`.
    pub fn has_local_subscriber(&self, user: &UserId) -> bool {
        let shard = self.shard(user).read().unwrap_or_else(|e| e.into_inner());
        shard.get(user).is_some_and(|s| !s.is_empty())
    }
}

#[async_trait]
impl EventBus for MemoryEventBus {
    async fn publish(&self, envelope: Arc<Envelope>) -> Result<(), RepoError> {
        self.deliver_local(&envelope);
        Ok(())
    }

    async fn subscribe(
        &self,
        user_id: UserId,
        sink: Arc<dyn EventSink>,
    ) -> Result<SubscriptionId, RepoError> {
        let id = SubscriptionId(sink.connection_id());
        let mut shard = self
            .shard(&user_id)
            .write()
            .unwrap_or_else(|e| e.into_inner());
        let sinks = shard.entry(user_id).or_default();
        sinks.retain(|s| s.connection_id() != id.0);
        sinks.push(sink);
        Ok(id)
    }

    async fn unsubscribe(&self, user_id: UserId, id: SubscriptionId) -> Result<(), RepoError> {
        let mut shard = self
            .shard(&user_id)
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(sinks) = shard.get_mut(&user_id) {
            sinks.retain(|s| s.connection_id() != id.0);
            if sinks.is_empty() {
                shard.remove(&user_id);
            }
        }
        Ok(())
    }
}
