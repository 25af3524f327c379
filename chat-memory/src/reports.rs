use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;

use chat_domain::entities::{Report, Resolution};
use chat_domain::ids::ReportId;
use chat_domain::ports::ReportRepository;
use chat_domain::RepoError;

use crate::lock;

/// [`ReportRepository`] in memory.
#[derive(Default)]
pub struct MemoryReports(Mutex<HashMap<ReportId, Report>>);

impl MemoryReports {
    /// Every report, for adapters that persist this state (snapshots).
    pub fn all(&self) -> Vec<Report> {
        lock(&self.0).values().cloned().collect()
    }
}

#[async_trait]
impl ReportRepository for MemoryReports {
    async fn create(&self, report: &Report) -> Result<(), RepoError> {
        let mut all = lock(&self.0);
        let twin = all.values().any(|r| {
            r.is_open()
                && r.reporter_id == report.reporter_id
                && r.conversation_id == report.conversation_id
                && r.seq == report.seq
        });
        if twin || all.contains_key(&report.id) {
            return Err(RepoError::Conflict(
                "the message is reported already".into(),
            ));
        }
        all.insert(report.id, report.clone());
        Ok(())
    }

    async fn get(&self, id: ReportId) -> Result<Option<Report>, RepoError> {
        Ok(lock(&self.0).get(&id).cloned())
    }

    async fn list(
        &self,
        resolved: bool,
        after: Option<ReportId>,
        limit: usize,
    ) -> Result<Vec<Report>, RepoError> {
        let all = lock(&self.0);
        let start = match after {
            Some(id) => match all.get(&id) {
                Some(r) => Some((r.created_at, r.id)),
                // After a report that does not exist: nothing, as SQL finds.
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let mut found: Vec<&Report> = all
            .values()
            .filter(|r| r.is_open() != resolved)
            .filter(|r| start.is_none_or(|s| (r.created_at, r.id) > s))
            .collect();
        found.sort_by_key(|r| (r.created_at, r.id));
        Ok(found.into_iter().take(limit).cloned().collect())
    }

    async fn resolve(&self, id: ReportId, resolution: &Resolution) -> Result<Report, RepoError> {
        let mut all = lock(&self.0);
        let report = all
            .get_mut(&id)
            .ok_or_else(|| RepoError::NotFound(format!("report {id}")))?;
        if !report.is_open() {
            return Err(RepoError::Conflict("the report is settled already".into()));
        }
        report.resolution = Some(resolution.clone());
        Ok(report.clone())
    }
}
