use chrono::{DateTime, Utc};

use crate::ids::{ConversationId, ReportId, UserId};
use crate::values::{ReportReason, Seq};

/// A member's report of a message to the server's admins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Stable id.
    pub id: ReportId,
    /// Where the message is.
    pub conversation_id: ConversationId,
    /// Which message.
    pub seq: Seq,
    /// Who reported it.
    pub reporter_id: UserId,
    /// Why.
    pub reason: ReportReason,
    /// When.
    pub created_at: DateTime<Utc>,
    /// How an admin settled it; `None` while it is open.
    pub resolution: Option<Resolution>,
}

impl Report {
    /// Whether an admin has not settled it yet.
    pub fn is_open(&self) -> bool {
        self.resolution.is_none()
    }
}

/// An admin's settling of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// What was done.
    pub action: ReportAction,
    /// Which admin.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}

/// What an admin does about a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportAction {
    /// Nothing: the message stays.
    Dismiss,
    /// The message is removed (a tombstone, shown as removed by a moderator).
    RemoveMessage,
    /// The message's sender is banned (the message stays).
    BanUser,
}
