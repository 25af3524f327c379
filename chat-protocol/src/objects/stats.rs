use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Server-wide counts, for admins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Stats {
    /// Accounts.
    pub users: u64,
    /// Conversations.
    pub conversations: u64,
    /// Messages.
    pub messages: u64,
    /// Live WebSocket connections, on every node.
    pub live_connections: u64,
    /// Accounts created in each of the last 24 UTC hours, oldest first, this hour
    /// last, zeros included.
    #[serde(default)]
    pub signups_per_hour: Vec<HourCount>,
}

/// A count in one hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HourCount {
    /// The start of the UTC hour.
    pub hour: DateTime<Utc>,
    /// How many.
    pub count: u64,
}
