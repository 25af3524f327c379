use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::objects::SyncedConversation;

/// The query of `GET /api/v1/sync`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SyncQuery {
    /// The `cursor` of the last answer; absent for every conversation.
    pub since: Option<String>,
    /// 1-500 conversations, 100 by default.
    pub limit: Option<u64>,
}

/// What changed in the caller's conversations since a cursor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SyncAnswer {
    /// Opaque: the `since` of the next call.
    pub cursor: String,
    /// More changed than `limit`: call again with `cursor` at once.
    pub more: bool,
    /// Each changed conversation once, as it is now (every one, without `since`).
    pub conversations: Vec<SyncedConversation>,
    /// Conversations the caller left or was removed from after the cursor, and is not a
    /// member of again.
    pub left: Vec<Uuid>,
}
