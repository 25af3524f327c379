//! [`ReportRepository`] on the TXT store: reports live in the metadata state; a report
//! and its settling are each one logged op.

use std::sync::Arc;

use async_trait::async_trait;

use chat_domain::entities::{Report, Resolution};
use chat_domain::ids::ReportId;
use chat_domain::ports::ReportRepository;
use chat_domain::RepoError;

use super::{Meta, MetaOp};

/// [`ReportRepository`] on the TXT store.
#[derive(Clone)]
pub struct TxtReports(pub(crate) Arc<Meta>);

#[async_trait]
impl ReportRepository for TxtReports {
    async fn create(&self, report: &Report) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        // Checked under the log's lock, as the memory state would check it.
        let open_twin = m.state.reports.all().iter().any(|r| {
            r.id == report.id
                || (r.is_open()
                    && r.reporter_id == report.reporter_id
                    && r.conversation_id == report.conversation_id
                    && r.seq == report.seq)
        });
        if open_twin {
            return Err(RepoError::Conflict(
                "the message is reported already".into(),
            ));
        }
        let report = report.clone();
        m.commit(&mut log, MetaOp::ReportCreate { report }).await
    }

    async fn get(&self, id: ReportId) -> Result<Option<Report>, RepoError> {
        self.0.state.reports.get(id).await
    }

    async fn list(
        &self,
        resolved: bool,
        after: Option<ReportId>,
        limit: usize,
    ) -> Result<Vec<Report>, RepoError> {
        self.0.state.reports.list(resolved, after, limit).await
    }

    async fn resolve(&self, id: ReportId, resolution: &Resolution) -> Result<Report, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let report = m
            .state
            .reports
            .get(id)
            .await?
            .ok_or_else(|| RepoError::NotFound(format!("report {id}")))?;
        if !report.is_open() {
            return Err(RepoError::Conflict("the report is settled already".into()));
        }
        let resolution = resolution.clone();
        m.commit(&mut log, MetaOp::ReportResolve { id, resolution })
            .await?;
        m.state
            .reports
            .get(id)
            .await?
            .ok_or_else(|| RepoError::NotFound(format!("report {id}")))
    }
}
