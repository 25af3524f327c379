use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::entities::{Presence, PresenceStatus};
use crate::ids::{ConnectionId, UserId};
use crate::RepoError;

/// Whether a connect or disconnect changed the user's online status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresenceTransition {
    /// This was the user's first live connection.
    CameOnline,
    /// This was the user's last live connection.
    WentOffline,
    /// The status did not change (another device is still, or already, connected).
    Unchanged,
}

/// A status change found by [`PresenceStore::expire`], to announce to the user's contacts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresenceChange {
    /// Whose status changed.
    pub user_id: UserId,
    /// The new status.
    pub status: PresenceStatus,
    /// When last seen, for [`PresenceStatus::Offline`].
    pub last_seen: Option<DateTime<Utc>>,
}

/// Tracks live connections per user. Across nodes, exactly one caller observes each
/// online/offline transition.
#[async_trait]
pub trait PresenceStore: Send + Sync {
    /// Records a live connection at `now`. Returns
    /// [`PresenceTransition::CameOnline`] for the user's first. Connecting the same
    /// connection id twice counts it once.
    async fn connect(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError>;

    /// Removes a live connection at `now`. Returns
    /// [`PresenceTransition::WentOffline`] for the user's last, and then records `now`
    /// as last seen. An unknown connection changes nothing.
    async fn disconnect(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError>;

    /// Notes that a connection is still alive at `now`. Stores with expiry use it to keep
    /// the connection from ageing out, and record it again if it had aged out (or the
    /// store lost it): then this returns [`PresenceTransition::CameOnline`] if it is the
    /// user's only live connection, so the return is announced like a connect.
    async fn heartbeat(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError>;

    /// Removes connections that have aged out by `now` (their node stopped sending
    /// heartbeats: it died or lost its network) and returns the changes to announce: the
    /// users who went offline with them (with their last seen time; across nodes, each
    /// is returned to exactly one caller), and users whose connections on this node were
    /// recorded again after the store had been unreachable and who were not online
    /// before. Stores without expiry return nothing.
    async fn expire(&self, now: DateTime<Utc>) -> Result<Vec<PresenceChange>, RepoError>;

    /// The presence of each user, in the order asked; unknown users are offline with no
    /// last seen.
    async fn get(&self, users: &[UserId]) -> Result<Vec<Presence>, RepoError>;

    /// Live connections in all (on every node).
    async fn live_connections(&self) -> Result<u64, RepoError>;
}
