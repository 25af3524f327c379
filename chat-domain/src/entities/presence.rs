use chrono::{DateTime, Utc};

use crate::ids::UserId;

/// Online while at least one connection is live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PresenceStatus {
    /// At least one live connection.
    Online,
    /// No live connection.
    Offline,
}

/// A user's presence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presence {
    /// Whose presence.
    pub user_id: UserId,
    /// Online or offline.
    pub status: PresenceStatus,
    /// Live connections (devices) right now.
    pub connections: u32,
    /// When the last connection closed; `None` if never seen or online now.
    pub last_seen: Option<DateTime<Utc>>,
}

impl Presence {
    /// A user never seen online.
    pub fn unknown(user_id: UserId) -> Self {
        Self {
            user_id,
            status: PresenceStatus::Offline,
            connections: 0,
            last_seen: None,
        }
    }
}
