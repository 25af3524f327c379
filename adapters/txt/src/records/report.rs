//! A report and its settling as the metadata log writes them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::{Report, ReportAction, Resolution};
use chat_domain::ids::{ConversationId, ReportId, UserId};
use chat_domain::values::{ReportReason, Seq};

#[derive(Serialize, Deserialize)]
pub(super) struct ReportRecord {
    id: Uuid,
    conversation_id: Uuid,
    seq: u64,
    reporter_id: Uuid,
    reason: String,
    created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resolution: Option<ResolutionRecord>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ResolutionRecord {
    action: ActionRecord,
    by: Uuid,
    at: DateTime<Utc>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ActionRecord {
    Dismiss,
    RemoveMessage,
    BanUser,
}

impl From<&Resolution> for ResolutionRecord {
    fn from(r: &Resolution) -> Self {
        Self {
            action: match r.action {
                ReportAction::Dismiss => ActionRecord::Dismiss,
                ReportAction::RemoveMessage => ActionRecord::RemoveMessage,
                ReportAction::BanUser => ActionRecord::BanUser,
            },
            by: *r.by.as_uuid(),
            at: r.at,
        }
    }
}

impl From<ResolutionRecord> for Resolution {
    fn from(r: ResolutionRecord) -> Self {
        Self {
            action: match r.action {
                ActionRecord::Dismiss => ReportAction::Dismiss,
                ActionRecord::RemoveMessage => ReportAction::RemoveMessage,
                ActionRecord::BanUser => ReportAction::BanUser,
            },
            by: UserId::from_uuid(r.by),
            at: r.at,
        }
    }
}

impl From<&Report> for ReportRecord {
    fn from(r: &Report) -> Self {
        Self {
            id: *r.id.as_uuid(),
            conversation_id: *r.conversation_id.as_uuid(),
            seq: r.seq.get(),
            reporter_id: *r.reporter_id.as_uuid(),
            reason: r.reason.as_str().to_owned(),
            created_at: r.created_at,
            resolution: r.resolution.as_ref().map(Into::into),
        }
    }
}

impl TryFrom<ReportRecord> for Report {
    type Error = String;
    fn try_from(r: ReportRecord) -> Result<Self, String> {
        Ok(Report {
            id: ReportId::from_uuid(r.id),
            conversation_id: ConversationId::from_uuid(r.conversation_id),
            seq: Seq::new(r.seq).map_err(|e| e.to_string())?,
            reporter_id: UserId::from_uuid(r.reporter_id),
            reason: ReportReason::parse(&r.reason).map_err(|e| e.to_string())?,
            created_at: r.created_at,
            resolution: r.resolution.map(Into::into),
        })
    }
}
