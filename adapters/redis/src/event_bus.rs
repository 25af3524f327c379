//! Event fan-out across nodes.
//!
//! Each node subscribes to one channel of its own and keeps, per user it has a
//! subscriber for, its id in that user's set of nodes. A publish delivers to this node's
//! sinks directly, then runs a script that sends the event (serialised once) to each
//! other live node found in the audience's sets, once per node; that node delivers it to
//! its own sinks. Nodes that stop refreshing their liveness key are dropped from the sets
//! by the next publish that meets them.

use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use fred::clients::{Client, SubscriberClient};
use fred::interfaces::{ClientLike, EventInterface, KeysInterface, PubsubInterface, SetsInterface};
use fred::types::{Expiration, Value};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

use chat_adapter_memory::MemoryEventBus;
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, UserId};
use chat_domain::ports::{EventBus, EventSink, SubscriptionId};
use chat_domain::RepoError;

use crate::error::{connected, map};
use crate::keys::Keys;
use crate::scripts::PUBLISH;

/// How often a node refreshes its liveness key, and how long the key lives.
const ALIVE_EVERY: Duration = Duration::from_secs(1);
const ALIVE_FOR: Duration = Duration::from_secs(10);
/// Registry updates for one user are serialised on one of these stripes, so a connect and
/// a disconnect of the same user cannot leave the registry saying the opposite of the
/// local sinks.
const STRIPES: usize = 64;

/// An event as it travels between nodes.
#[derive(Serialize, Deserialize)]
struct Wire<E> {
    event: E,
    audience: Vec<UserId>,
    skip: Option<ConnectionId>,
}

/// [`EventBus`] across nodes on Redis pub/sub.
pub struct RedisEventBus {
    node: String,
    client: Client,
    subscriber: SubscriberClient,
    keys: Keys,
    local: Arc<MemoryEventBus>,
    stripes: Vec<Mutex<()>>,
    tasks: Vec<JoinHandle<()>>,
}

impl RedisEventBus {
    /// Starts this node's receiving and liveness tasks.
    pub(crate) async fn start(client: Client, subscriber: SubscriberClient, keys: Keys) -> Self {
        let node = uuid::Uuid::new_v4().simple().to_string();
        let local = Arc::new(MemoryEventBus::default());
        let receive = tokio::spawn(receive(subscriber.clone(), local.clone()));
        // Resubscribes whenever the subscriber's own connection comes back.
        let resubscribe = subscriber.manage_subscriptions();
        let up = Arc::new(AtomicBool::new(false));
        let alive = tokio::spawn(keep_alive(
            client.clone(),
            subscriber.clone(),
            keys.clone(),
            node.clone(),
            local.clone(),
            up.clone(),
        ));
        // Wait briefly for the first round, so a node that can reach Redis is joined when
        // this returns.
        for _ in 0..20 {
            if up.load(Ordering::Relaxed) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        Self {
            node,
            client,
            subscriber,
            keys,
            local,
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            tasks: vec![receive, alive, resubscribe],
        }
    }

    fn stripe(&self, user: &UserId) -> &Mutex<()> {
        let h = BuildHasherDefault::<DefaultHasher>::default().hash_one(user);
        &self.stripes[h as usize % STRIPES]
    }

    /// Adds this node to (or removes it from) the nodes holding `user`'s subscribers.
    async fn register(&self, user: UserId, add: bool) -> Result<(), RepoError> {
        connected(&self.client)?;
        let key = self.keys.user_nodes(user);
        let done: Result<i64, _> = if add {
            self.client.sadd(key, &self.node).await
        } else {
            self.client.srem(key, &self.node).await
        };
        done.map(|_| ()).map_err(map)
    }

    /// Leaves: stops the tasks and removes this node from Redis.
    pub(crate) async fn close(&self) {
        for t in &self.tasks {
            t.abort();
        }
        for user in self.local.subscribed_users() {
            let _: Result<i64, _> = self
                .client
                .srem(self.keys.user_nodes(user), &self.node)
                .await;
        }
        let _: Result<i64, _> = self.client.del(self.keys.node_alive(&self.node)).await;
        let _ = self.subscriber.quit().await;
    }
}

impl Drop for RedisEventBus {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Delivers events from other nodes to this node's sinks.
async fn receive(subscriber: SubscriberClient, local: Arc<MemoryEventBus>) {
    let mut messages = subscriber.message_rx();
    loop {
        match messages.recv().await {
            Ok(m) => {
                let Some(bytes) = m.value.as_bytes() else {
                    continue;
                };
                match serde_json::from_slice::<Wire<DomainEvent>>(bytes) {
                    Ok(w) => {
                        let envelope = Envelope::new(w.event, w.audience).skipping(w.skip);
                        local.deliver_local(&Arc::new(envelope));
                    }
                    Err(e) => tracing::warn!(error = %e, "undecodable event from another node"),
                }
            }
            Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(
                    events = n,
                    "events from other nodes dropped: this node fell behind"
                );
            }
            Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
        }
    }
}

/// Refreshes this node's liveness key; after every outage (and at start) subscribes to
/// its channel again and re-registers each user it has subscribers for, since Redis may
/// have restarted empty.
async fn keep_alive(
    client: Client,
    subscriber: SubscriberClient,
    keys: Keys,
    node: String,
    local: Arc<MemoryEventBus>,
    up: Arc<AtomicBool>,
) {
    let mut tick = tokio::time::interval(ALIVE_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut joined = false;
    loop {
        tick.tick().await;
        let alive: Result<(), _> = client
            .set(
                keys.node_alive(&node),
                "1",
                Some(Expiration::PX(ALIVE_FOR.as_millis() as i64)),
                None,
                false,
            )
            .await;
        if let Err(e) = alive {
            if joined {
                tracing::warn!(error = %e, "Redis is away: events reach this node's connections only");
            }
            joined = false;
            up.store(false, Ordering::Relaxed);
            continue;
        }
        if !joined {
            let subscribed = subscriber.subscribe(keys.node_channel(&node)).await;
            let registered = register_all(&client, &keys, &node, &local).await;
            if let Err(e) = subscribed.and(registered) {
                tracing::warn!(error = %e, "joining the other nodes failed; retrying");
                continue;
            }
            tracing::info!(node = %node, "joined the other nodes through Redis");
            joined = true;
        }
        up.store(true, Ordering::Relaxed);
    }
}

async fn register_all(
    client: &Client,
    keys: &Keys,
    node: &str,
    local: &MemoryEventBus,
) -> Result<(), fred::error::Error> {
    for users in local.subscribed_users().chunks(1000) {
        let pipeline = client.pipeline();
        for user in users {
            let _: () = pipeline.sadd(keys.user_nodes(*user), node).await?;
        }
        let _: Vec<Value> = pipeline.all().await?;
    }
    Ok(())
}

#[async_trait]
impl EventBus for RedisEventBus {
    async fn publish(&self, envelope: Arc<Envelope>) -> Result<(), RepoError> {
        self.local.deliver_local(&envelope);
        if envelope.audience.is_empty() {
            return Ok(());
        }
        let wire = Wire {
            event: &envelope.event,
            audience: envelope.audience.clone(),
            skip: envelope.skip_connection,
        };
        let payload = serde_json::to_string(&wire)
            .map_err(|e| RepoError::Unavailable(format!("encoding an event: {e}")))?;
        let mut args = Vec::with_capacity(envelope.audience.len() + 3);
        args.extend([self.keys.prefix().to_owned(), self.node.clone(), payload]);
        args.extend(envelope.audience.iter().map(UserId::to_string));
        let _sent: i64 =
            crate::scripts::run(&PUBLISH, &self.client, Vec::<String>::new(), args).await?;
        Ok(())
    }

    async fn subscribe(
        &self,
        user_id: UserId,
        sink: Arc<dyn EventSink>,
    ) -> Result<SubscriptionId, RepoError> {
        let _serial = self.stripe(&user_id).lock().await;
        let id = self.local.subscribe(user_id, sink).await?;
        if let Err(e) = self.register(user_id, true).await {
            // Local delivery works; the registry is rebuilt when Redis is back.
            tracing::debug!(error = %e, user = %user_id, "registering a subscriber failed");
        }
        Ok(id)
    }

    async fn unsubscribe(&self, user_id: UserId, id: SubscriptionId) -> Result<(), RepoError> {
        let _serial = self.stripe(&user_id).lock().await;
        self.local.unsubscribe(user_id, id).await?;
        if !self.local.has_local_subscriber(&user_id) {
            if let Err(e) = self.register(user_id, false).await {
                tracing::debug!(error = %e, user = %user_id, "unregistering a subscriber failed");
            }
        }
        Ok(())
    }

    async fn health(&self) -> Result<(), RepoError> {
        connected(&self.client)?;
        let pong: Result<String, _> = self.client.ping(None).await;
        pong.map(|_| ()).map_err(map)
    }
}
