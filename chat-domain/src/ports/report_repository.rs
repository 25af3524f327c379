use async_trait::async_trait;

use crate::entities::{Report, Resolution};
use crate::ids::ReportId;
use crate::RepoError;

/// Stores reports of messages and their settling: the admins' moderation queue.
#[async_trait]
pub trait ReportRepository: Send + Sync {
    /// Stores a new, open report.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if its id is taken, or its reporter has an open report of
    /// the same message (racing reports store one); nothing is written then.
    async fn create(&self, report: &Report) -> Result<(), RepoError>;

    /// The report with this id, if any.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn get(&self, id: ReportId) -> Result<Option<Report>, RepoError>;

    /// Up to `limit` open (or, with `resolved`, settled) reports, oldest first (by
    /// creation time, then id), after the report `after` when given (none after a
    /// report that does not exist).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn list(
        &self,
        resolved: bool,
        after: Option<ReportId>,
        limit: usize,
    ) -> Result<Vec<Report>, RepoError>;

    /// Settles an open report and returns it as it is now.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] for no such report; [`RepoError::Conflict`] if it is
    /// settled already (of two racing admins, one settles it).
    async fn resolve(&self, id: ReportId, resolution: &Resolution) -> Result<Report, RepoError>;
}
