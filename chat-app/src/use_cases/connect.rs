use std::sync::Arc;

use chat_domain::entities::PresenceStatus;
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, UserId};
use chat_domain::ports::{EventSink, PresenceTransition, SubscriptionId};

use crate::{Actor, AppError, ChatApp};

/// A live connection registered with [`ChatApp::connect`]; hand it back to
/// [`ChatApp::disconnect`] when the socket closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The connection's id.
    pub id: ConnectionId,
    /// Whose connection.
    pub user_id: UserId,
    subscription: SubscriptionId,
}

impl ChatApp {
    /// Registers a live connection: `sink` starts receiving the user's events, and if this
    /// is the user's first connection, everyone who shares a conversation with them hears
    /// they are online.
    ///
    /// # Errors
    /// `unavailable` if the event bus or presence store is down (then nothing stays
    /// registered).
    pub async fn connect(
        &self,
        actor: &Actor,
        sink: Arc<dyn EventSink>,
    ) -> Result<Connection, AppError> {
        let id = sink.connection_id();
        let user_id = actor.id();
        let subscription = self.ports.live.events.subscribe(user_id, sink).await?;
        let now = self.ports.clock.now();
        let transition = match self.ports.live.presence.connect(user_id, id, now).await {
            Ok(t) => t,
            Err(e) => {
                let _ = self
                    .ports
                    .live
                    .events
                    .unsubscribe(user_id, subscription)
                    .await;
                return Err(e.into());
            }
        };
        if transition == PresenceTransition::CameOnline {
            self.announce_presence(user_id, PresenceStatus::Online, None)
                .await?;
        }
        Ok(Connection {
            id,
            user_id,
            subscription,
        })
    }

    /// Unregisters a connection; at the user's last, their contacts hear they went
    /// offline, with the time as last seen.
    ///
    /// # Errors
    /// `unavailable` if the presence store is down (the subscription is ended anyway).
    pub async fn disconnect(&self, connection: Connection) -> Result<(), AppError> {
        let user_id = connection.user_id;
        let unsubscribed = self
            .ports
            .live
            .events
            .unsubscribe(user_id, connection.subscription)
            .await;
        let now = self.ports.clock.now();
        let transition = self
            .ports
            .live
            .presence
            .disconnect(user_id, connection.id, now)
            .await?;
        if transition == PresenceTransition::WentOffline {
            self.announce_presence(user_id, PresenceStatus::Offline, Some(now))
                .await?;
        }
        Ok(unsubscribed?)
    }

    /// Notes that a connection is alive (stores with expiry refresh it).
    ///
    /// # Errors
    /// `unavailable` if the presence store is down.
    pub async fn heartbeat(&self, connection: &Connection) -> Result<(), AppError> {
        let now = self.ports.clock.now();
        let transition = self
            .ports
            .live
            .presence
            .heartbeat(connection.user_id, connection.id, now)
            .await?;
        if transition == PresenceTransition::CameOnline {
            self.announce_presence(connection.user_id, PresenceStatus::Online, None)
                .await?;
        }
        Ok(())
    }

    /// Ages out connections whose node stopped sending heartbeats and announces each user
    /// who went offline with them (every node runs it periodically; each user is
    /// announced by one of them), and the users who came back once a store that had been
    /// unreachable took this node's connections again. Returns how many it announced.
    ///
    /// # Errors
    /// [`AppError::Unavailable`] if the presence store cannot be reached.
    pub async fn expire_presence(&self) -> Result<usize, AppError> {
        let now = self.ports.clock.now();
        let changes = self.ports.live.presence.expire(now).await?;
        for change in &changes {
            // The store has forgotten these connections already: one failed announcement
            // must not cost the others theirs.
            let announced = self
                .announce_presence(change.user_id, change.status, change.last_seen)
                .await;
            if let Err(e) = announced {
                tracing::warn!(user = %change.user_id, error = %e, "presence change not announced");
            }
        }
        Ok(changes.len())
    }

    /// Tells the user's contacts. The presence change is already recorded, so a failure
    /// to find the contacts is logged rather than undoing the connection.
    async fn announce_presence(
        &self,
        user_id: UserId,
        status: PresenceStatus,
        last_seen: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<(), AppError> {
        let contacts = match self.ports.storage.conversations.contacts(user_id).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(user = %user_id, error = %e, "presence change not announced");
                return Ok(());
            }
        };
        // Those who block the user hear nothing of their presence.
        let contacts = match self.without_blockers_of(user_id, contacts).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(user = %user_id, error = %e, "presence change not announced");
                return Ok(());
            }
        };
        let event = DomainEvent::PresenceChanged {
            user_id,
            status,
            last_seen,
        };
        self.publish(Envelope::new(event, contacts)).await
    }
}
