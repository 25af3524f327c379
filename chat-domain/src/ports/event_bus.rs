use async_trait::async_trait;
use std::sync::Arc;

use crate::events::Envelope;
use crate::ids::{ConnectionId, UserId};
use crate::RepoError;

/// The sink could not take another event (its queue is full): the subscriber is too slow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SinkFull;

/// Where the bus delivers events for one live connection. `deliver` must not block: a
/// sink pushes onto a bounded queue and reports [`SinkFull`] when it cannot.
pub trait EventSink: Send + Sync {
    /// The connection this sink feeds (so the bus can honour
    /// [`Envelope::skip_connection`]).
    fn connection_id(&self) -> ConnectionId;

    /// Takes one event. On [`SinkFull`] the bus drops the event for this sink only; the
    /// sink's owner closes the connection as a slow consumer.
    fn deliver(&self, envelope: Arc<Envelope>) -> Result<(), SinkFull>;
}

/// Identifies one subscription, to end it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SubscriptionId(pub ConnectionId);

/// Carries domain events to the live connections of their audience, on this node and (in
/// distributed adapters) on every other node that has a subscriber in the audience.
#[async_trait]
pub trait EventBus: Send + Sync {
    /// Delivers `envelope` to every sink subscribed for a user in its audience, except the
    /// sink of its `skip_connection`. A full sink does not hold up the others.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the event could not be handed to the other nodes;
    /// local sinks have still received it.
    async fn publish(&self, envelope: Arc<Envelope>) -> Result<(), RepoError>;

    /// Subscribes `sink` to the events whose audience includes `user_id`.
    async fn subscribe(
        &self,
        user_id: UserId,
        sink: Arc<dyn EventSink>,
    ) -> Result<SubscriptionId, RepoError>;

    /// Ends a subscription; unknown subscriptions are ignored.
    async fn unsubscribe(&self, user_id: UserId, id: SubscriptionId) -> Result<(), RepoError>;

    /// Whether events reach the other nodes. Single-node buses are always healthy.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] while only this node's connections get events.
    async fn health(&self) -> Result<(), RepoError> {
        Ok(())
    }
}
