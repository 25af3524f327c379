use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::objects::Message;

/// `GET /api/v1/threads`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ThreadsQuery {
    /// `true`: only threads with replies the caller has not read.
    pub unread: Option<bool>,
    /// 1-100, 50 by default.
    pub limit: Option<u64>,
}

/// A thread and the caller's standing in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FollowedThread {
    /// The thread's conversation.
    pub conversation_id: Uuid,
    /// The thread's root, with its `thread` summary (none before the first reply).
    pub root: Message,
    /// The newest seq of the thread the caller has read (0: none).
    pub read_seq: u64,
    /// Replies after `read_seq` that are not recalled.
    pub unread: u64,
    /// Whether the caller follows it (always true in `GET /api/v1/threads`).
    pub following: bool,
}

/// `200` of `GET /api/v1/threads`: the thread with the newest reply first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ThreadList {
    /// The threads.
    pub threads: Vec<FollowedThread>,
}
