use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// One user's presence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Presence {
    /// Whose.
    pub user_id: Uuid,
    /// Online with any connection, or offline.
    pub status: PresenceStatus,
    /// When the last connection closed, if known.
    #[schema(required = true)]
    pub last_seen: Option<DateTime<Utc>>,
}

/// Online or offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PresenceStatus {
    /// At least one live connection on some node.
    Online,
    /// None.
    Offline,
}
