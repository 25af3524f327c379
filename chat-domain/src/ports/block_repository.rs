use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::ids::UserId;
use crate::RepoError;

/// Who blocks whom. A block is one user's (the blocker's) decision about another: the
/// blocked user cannot open a direct conversation with the blocker nor send in it, their
/// mentions of the blocker are not kept, and the blocker hears no presence or typing of
/// theirs.
#[async_trait]
pub trait BlockRepository: Send + Sync {
    /// `blocker` blocks `blocked` from `at` (again: no change).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be written.
    async fn block(
        &self,
        blocker: UserId,
        blocked: UserId,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// `blocker` no longer blocks `blocked` (when it did not: no change).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be written.
    async fn unblock(&self, blocker: UserId, blocked: UserId) -> Result<(), RepoError>;

    /// The users `blocker` blocks with since when, most recently blocked first.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn blocked_by(&self, blocker: UserId) -> Result<Vec<(UserId, DateTime<Utc>)>, RepoError>;

    /// The users who block `user`, in any order.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn blockers_of(&self, user: UserId) -> Result<Vec<UserId>, RepoError>;
}
