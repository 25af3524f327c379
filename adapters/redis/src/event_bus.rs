//! Event fan-out across nodes.
//!
//! Each node subscribes to one channel of its own and keeps, per user it has a
//! subscriber for, its id in that user's set of nodes ([`crate::registry`]). A publish
//! delivers to this node's sinks directly, then runs a script that sends the event
//! (serialised once) to each other live node found in the audience's sets, once per
//! node; that node delivers it to its own sinks. Nodes that stop refreshing their
//! liveness key are dropped from the sets by the next publish that meets them.

use std::sync::Arc;

use async_trait::async_trait;
use fred::clients::SubscriberClient;
use fred::interfaces::{ClientLike, EventInterface};
use tokio::task::JoinHandle;

use chat_domain::events::Envelope;
use chat_domain::ids::UserId;
use chat_domain::ports::{EventBus, EventSink, SubscriptionId};
use chat_domain::RepoError;

use crate::breaker::Conn;
use crate::error::map;
use crate::keys::Keys;
use crate::registry::{keep_alive, Registry};
use crate::scripts::PUBLISH;

/// [`EventBus`] across nodes on Redis pub/sub.
pub struct RedisEventBus {
    registry: Arc<Registry>,
    subscriber: SubscriberClient,
    tasks: Vec<JoinHandle<()>>,
}

impl RedisEventBus {
    /// Starts this node's receiving and liveness tasks.
    pub(crate) async fn start(client: Conn, subscriber: SubscriberClient, keys: Keys) -> Self {
        let registry = Arc::new(Registry::new(client, keys));
        let receive = tokio::spawn(receive(subscriber.clone(), registry.clone()));
        // Resubscribes whenever the subscriber's own connection comes back.
        let resubscribe = subscriber.manage_subscriptions();
        let alive = tokio::spawn(keep_alive(registry.clone(), subscriber.clone()));
        // Wait briefly for the first round, so a node that can reach Redis is joined when
        // this returns.
        for _ in 0..20 {
            if registry.is_up() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        Self {
            registry,
            subscriber,
            tasks: vec![receive, alive, resubscribe],
        }
    }

    /// Leaves: stops the tasks and removes this node from Redis.
    pub(crate) async fn close(&self) {
        for t in &self.tasks {
            t.abort();
        }
        self.registry.leave().await;
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
async fn receive(subscriber: SubscriberClient, registry: Arc<Registry>) {
    let mut messages = subscriber.message_rx();
    loop {
        match messages.recv().await {
            Ok(m) => {
                let Some(bytes) = m.value.as_bytes() else {
                    continue;
                };
                match crate::wire::decode(bytes) {
                    Ok(envelope) => registry.local.deliver_local(&Arc::new(envelope)),
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

#[async_trait]
impl EventBus for RedisEventBus {
    async fn publish(&self, envelope: Arc<Envelope>) -> Result<(), RepoError> {
        let r = &self.registry;
        r.local.deliver_local(&envelope);
        if envelope.audience.is_empty() {
            return Ok(());
        }
        let payload = crate::wire::encode(&envelope)
            .map_err(|e| RepoError::Unavailable(format!("encoding an event: {e}")))?;
        let mut args = Vec::with_capacity(envelope.audience.len() + 3);
        args.extend([r.keys.prefix().to_owned(), r.node.clone(), payload]);
        args.extend(envelope.audience.iter().map(UserId::to_string));
        let _sent: i64 =
            crate::scripts::run(&PUBLISH, &r.client, Vec::<String>::new(), args).await?;
        Ok(())
    }

    async fn subscribe(
        &self,
        user_id: UserId,
        sink: Arc<dyn EventSink>,
    ) -> Result<SubscriptionId, RepoError> {
        let r = &self.registry;
        let _serial = r.serial(&user_id).await;
        let id = r.local.subscribe(user_id, sink).await?;
        r.note(user_id, true).await;
        Ok(id)
    }

    async fn unsubscribe(&self, user_id: UserId, id: SubscriptionId) -> Result<(), RepoError> {
        let r = &self.registry;
        let _serial = r.serial(&user_id).await;
        r.local.unsubscribe(user_id, id).await?;
        if !r.local.has_local_subscriber(&user_id) {
            r.note(user_id, false).await;
        }
        Ok(())
    }

    async fn health(&self) -> Result<(), RepoError> {
        let r = &self.registry;
        r.client.ready()?;
        if !self.subscriber.is_connected() || !r.is_up() {
            return Err(RepoError::Unavailable(
                "redis: this node has not joined the others yet".into(),
            ));
        }
        let pong: Result<String, _> = r.client.ping(None).await;
        pong.map(|_| ()).map_err(map)
    }
}
