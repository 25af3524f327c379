//! Which nodes hold subscribers for which users, and this node's liveness.
//!
//! Each node keeps its id in `u:<user>:nodes` for every user it has a subscriber for, and
//! refreshes `node:<id>` every second. After any outage, failed write or reconnect it
//! joins again: subscribes to its channel and re-registers every local user (Redis may
//! have restarted empty), and retries the removals that did not get through.

use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex as SyncMutex};
use std::time::Duration;

use fred::clients::SubscriberClient;
use fred::interfaces::{EventInterface, KeysInterface, PubsubInterface, SetsInterface};
use fred::types::Expiration;
use tokio::sync::Mutex;

use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::UserId;
use chat_domain::RepoError;
use chat_memory::MemoryEventBus;

use crate::breaker::Conn;
use crate::error::map;
use crate::keys::Keys;

/// How often a node refreshes its liveness key, and how long the key lives.
const ALIVE_EVERY: Duration = Duration::from_secs(1);
const ALIVE_FOR: Duration = Duration::from_secs(10);
/// Registry updates for one user are serialised on one of these stripes, so a connect and
/// a disconnect of the same user cannot leave the registry saying the opposite of the
/// local sinks.
const STRIPES: usize = 64;

/// This node's side of the registry.
pub(crate) struct Registry {
    pub(crate) node: String,
    pub(crate) client: Conn,
    pub(crate) keys: Keys,
    pub(crate) local: MemoryEventBus,
    stripes: Vec<Mutex<()>>,
    /// Set when the registry may be out of date (a failed write, a reconnect).
    rejoin: AtomicBool,
    /// Joined and refreshing: events from other nodes can reach this one.
    up: AtomicBool,
    /// Users whose removal did not reach Redis.
    stale: SyncMutex<HashSet<UserId>>,
}

impl Registry {
    pub(crate) fn new(client: Conn, keys: Keys) -> Self {
        Self {
            node: uuid::Uuid::new_v4().simple().to_string(),
            client,
            keys,
            local: MemoryEventBus::default(),
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            rejoin: AtomicBool::new(true),
            up: AtomicBool::new(false),
            stale: SyncMutex::new(HashSet::new()),
        }
    }

    pub(crate) fn is_up(&self) -> bool {
        self.up.load(Ordering::Relaxed)
    }

    /// Asks for a rejoin at the next tick.
    pub(crate) fn rejoin_soon(&self) {
        self.rejoin.store(true, Ordering::Relaxed);
    }

    /// Serialises registry changes for `user` with the local subscription they follow.
    pub(crate) async fn serial(&self, user: &UserId) -> tokio::sync::MutexGuard<'_, ()> {
        let h = BuildHasherDefault::<DefaultHasher>::default().hash_one(user);
        self.stripes[h as usize % STRIPES].lock().await
    }

    /// Records that this node has (`add`) or no longer has a subscriber for `user`; a
    /// failure is repaired at the next join. Call under [`Registry::serial`].
    pub(crate) async fn note(&self, user: UserId, add: bool) {
        let done = self.write(user, add).await;
        let mut stale = self.stale.lock().unwrap_or_else(|e| e.into_inner());
        match done {
            Ok(()) => {
                stale.remove(&user);
            }
            Err(e) => {
                tracing::debug!(error = %e, user = %user, "registry update failed; will repair");
                if !add {
                    stale.insert(user);
                }
                self.rejoin_soon();
            }
        }
    }

    async fn write(&self, user: UserId, add: bool) -> Result<(), RepoError> {
        let key = self.keys.user_nodes(user);
        self.client
            .call(async {
                let done: Result<i64, _> = if add {
                    self.client.sadd(key, &self.node).await
                } else {
                    self.client.srem(key, &self.node).await
                };
                done.map(|_| ()).map_err(map)
            })
            .await
    }

    /// Subscribes to this node's channel and brings every local user's entry up to date.
    async fn join(&self, subscriber: &SubscriberClient) -> Result<(), RepoError> {
        subscriber
            .subscribe(self.keys.node_channel(&self.node))
            .await
            .map_err(map)?;
        for user in self.local.subscribed_users() {
            let _serial = self.serial(&user).await;
            // Checked under the stripe: an unsubscribe since the listing is not undone.
            let add = self.local.has_local_subscriber(&user);
            self.write(user, add).await?;
        }
        let stale: Vec<UserId> = {
            let stale = self.stale.lock().unwrap_or_else(|e| e.into_inner());
            stale.iter().copied().collect()
        };
        for user in stale {
            let _serial = self.serial(&user).await;
            if !self.local.has_local_subscriber(&user) {
                self.write(user, false).await?;
            }
            self.stale
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&user);
        }
        Ok(())
    }

    /// Tells every connection on this node to sync: events from the other nodes may
    /// have been lost while this node was away from Redis (or its subscriber was).
    fn hint_resync(&self) {
        let users = self.local.subscribed_users();
        if users.is_empty() {
            return;
        }
        let envelope = Envelope::new(DomainEvent::Resync, users);
        self.local.deliver_local(&Arc::new(envelope));
    }

    /// Removes this node from Redis (on a clean shutdown).
    pub(crate) async fn leave(&self) {
        for user in self.local.subscribed_users() {
            let _ = self.write(user, false).await;
        }
        let _: Result<i64, _> = self.client.del(self.keys.node_alive(&self.node)).await;
    }
}

/// Refreshes this node's liveness key every second and rejoins whenever asked: at start,
/// after an outage, after either client reconnects, after a failed registry write.
pub(crate) async fn keep_alive(registry: Arc<Registry>, subscriber: SubscriberClient) {
    let mut reconnects = registry.client.reconnect_rx();
    let mut sub_reconnects = subscriber.reconnect_rx();
    let mut tick = tokio::time::interval(ALIVE_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            Ok(_) = reconnects.recv() => registry.rejoin_soon(),
            Ok(_) = sub_reconnects.recv() => registry.rejoin_soon(),
        }
        let alive: Result<(), _> = registry
            .client
            .set(
                registry.keys.node_alive(&registry.node),
                "1",
                Some(Expiration::PX(ALIVE_FOR.as_millis() as i64)),
                None,
                false,
            )
            .await;
        if let Err(e) = alive {
            if registry.up.swap(false, Ordering::Relaxed) {
                tracing::warn!(error = %e, "Redis is away: events reach this node's connections only");
            }
            registry.rejoin_soon();
            continue;
        }
        // This write goes past the breaker: that it got through means Redis answers.
        registry.client.answered();
        if registry.rejoin.swap(false, Ordering::Relaxed) {
            if let Err(e) = registry.join(&subscriber).await {
                tracing::warn!(error = %e, "joining the other nodes failed; retrying");
                registry.rejoin_soon();
                registry.up.store(false, Ordering::Relaxed);
                continue;
            }
            if !registry.up.load(Ordering::Relaxed) {
                tracing::info!(node = %registry.node, "joined the other nodes through Redis");
            }
            registry.hint_resync();
        }
        registry.up.store(true, Ordering::Relaxed);
    }
}
