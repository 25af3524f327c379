use chat_domain::entities::{Message, Report, ReportAction, Resolution};
use chat_domain::ids::{ConversationId, ReportId};
use chat_domain::values::{ReportReason, Seq};
use chat_domain::RepoError;

use super::ensure_admin;
use crate::{Actor, AppError, ChatApp};

/// A report with the message as it is now (`None` if it is gone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportView {
    /// The report.
    pub report: Report,
    /// The reported message now.
    pub message: Option<Message>,
}

/// Most reports listed at once.
pub const MAX_REPORTS: usize = 500;

impl ChatApp {
    /// A member reports a message of their conversation to the admins.
    ///
    /// # Errors
    /// `bad_request` for a reason that is not 1-500 characters; `forbidden` for a
    /// non-member; `not_found` for no message at `seq`; `conflict` if the caller has an
    /// open report of it already.
    pub async fn report_message(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        seq: u64,
        reason: &str,
    ) -> Result<ReportId, AppError> {
        let reason = ReportReason::parse(reason)?;
        let seq = Seq::new(seq)?;
        self.membership(conversation_id, actor.id()).await?;
        let messages = &self.ports.storage.messages;
        if messages.get(conversation_id, seq).await?.is_none() {
            return Err(AppError::NotFound(format!("no message at seq {seq}")));
        }
        let report = Report {
            id: ReportId::new(),
            conversation_id,
            seq,
            reporter_id: actor.id(),
            reason,
            created_at: self.ports.clock.now(),
            resolution: None,
        };
        self.ports
            .storage
            .reports
            .create(&report)
            .await
            .map_err(|e| match e {
                RepoError::Conflict(_) => {
                    AppError::Conflict("you have reported this message already".into())
                }
                other => other.into(),
            })?;
        Ok(report.id)
    }

    /// The moderation queue: open (or settled) reports, oldest first, each with its
    /// message as it is now; `limit` at most [`MAX_REPORTS`].
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin.
    pub async fn list_reports(
        &self,
        actor: &Actor,
        resolved: bool,
        after: Option<ReportId>,
        limit: usize,
    ) -> Result<Vec<ReportView>, AppError> {
        ensure_admin(actor)?;
        let reports = self
            .ports
            .storage
            .reports
            .list(resolved, after, limit.clamp(1, MAX_REPORTS))
            .await?;
        let mut out = Vec::with_capacity(reports.len());
        for report in reports {
            out.push(self.with_message(report).await?);
        }
        Ok(out)
    }

    /// An admin settles a report: dismisses it, removes the message (a tombstone; a
    /// pinned one is unpinned), or bans its sender (every session ends).
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin; `not_found` for no such report;
    /// `conflict` if it is settled already; `bad_request` for banning oneself.
    pub async fn resolve_report(
        &self,
        actor: &Actor,
        id: ReportId,
        action: ReportAction,
    ) -> Result<ReportView, AppError> {
        ensure_admin(actor)?;
        let reports = &self.ports.storage.reports;
        let report = reports
            .get(id)
            .await?
            .ok_or_else(|| AppError::NotFound("no such report".into()))?;
        if !report.is_open() {
            return Err(AppError::Conflict("the report is settled already".into()));
        }
        // Done before the report is settled: a failure leaves it open, to try again.
        self.act_on(actor, &report, action).await?;
        let resolution = Resolution {
            action,
            by: actor.id(),
            at: self.ports.clock.now(),
        };
        let settled = reports.resolve(id, &resolution).await?;
        self.with_message(settled).await
    }

    async fn act_on(
        &self,
        actor: &Actor,
        report: &Report,
        action: ReportAction,
    ) -> Result<(), AppError> {
        let (conversation, seq) = (report.conversation_id, report.seq);
        let message = self.ports.storage.messages.get(conversation, seq).await?;
        match (action, message) {
            (ReportAction::Dismiss, _) | (_, None) => Ok(()),
            (ReportAction::RemoveMessage, Some(m)) if m.deleted => Ok(()),
            (ReportAction::RemoveMessage, Some(m)) => self.tombstone(actor, &m).await.map(drop),
            (ReportAction::BanUser, Some(m)) => {
                self.set_banned(actor, m.sender_id, true).await.map(drop)
            }
        }
    }

    async fn with_message(&self, report: Report) -> Result<ReportView, AppError> {
        let messages = &self.ports.storage.messages;
        let message = messages.get(report.conversation_id, report.seq).await?;
        Ok(ReportView { report, message })
    }
}
