use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Server-wide counts, for admins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Stats {
    /// Accounts.
    pub users: u64,
    /// Conversations.
    pub conversations: u64,
    /// Messages.
    pub messages: u64,
    /// Live WebSocket connections, on every node.
    pub live_connections: u64,
}
