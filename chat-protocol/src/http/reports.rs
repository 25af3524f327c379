use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::objects::Message;

/// `POST /api/v1/reports`: a member reports a message of their conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportRequest {
    /// Where.
    pub conversation_id: Uuid,
    /// Which message.
    pub seq: u64,
    /// Why: 1-500 characters.
    pub reason: String,
}

/// A new report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportCreated {
    /// Its id.
    pub id: Uuid,
}

/// Open reports, or settled ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportStatus {
    /// Not settled yet.
    #[default]
    Open,
    /// Settled by an admin.
    Resolved,
}

/// The query of `GET /api/v1/admin/reports`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportsQuery {
    /// `open` (the default) or `resolved`.
    #[serde(default)]
    pub status: ReportStatus,
    /// Only reports after this one (the last of the previous page).
    pub after: Option<Uuid>,
    /// 1-500, 100 by default.
    pub limit: Option<usize>,
}

/// What an admin does about a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportAction {
    /// Nothing: the message stays.
    Dismiss,
    /// The message becomes a tombstone.
    RemoveMessage,
    /// Its sender is banned.
    BanUser,
}

/// `POST /api/v1/admin/reports/{id}/resolve`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ResolveRequest {
    /// What to do.
    pub action: ReportAction,
}

/// How a report was settled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportResolution {
    /// What was done.
    pub action: ReportAction,
    /// Which admin.
    pub by: Uuid,
    /// When.
    pub at: DateTime<Utc>,
}

/// REPORT: a report in the admins' queue, with the message as it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportInfo {
    /// Its id.
    pub id: Uuid,
    /// Where the message is.
    pub conversation_id: Uuid,
    /// Which message.
    pub seq: u64,
    /// Why it was reported.
    pub reason: String,
    /// Who reported it.
    pub reporter_id: Uuid,
    /// Open or settled.
    pub status: ReportStatus,
    /// When it was reported.
    pub created_at: DateTime<Utc>,
    /// The message now (a tombstone once removed; null if it is gone).
    #[schema(required = true)]
    pub message: Option<Message>,
    /// How it was settled, once it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<ReportResolution>,
}
