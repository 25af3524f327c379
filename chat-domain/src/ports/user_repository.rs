use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::entities::User;
use crate::ids::UserId;
use crate::values::{HostIdentity, Username};
use crate::RepoError;

/// Stores user accounts.
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Stores a new user.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if the id, the username (compared by [`Username::key`],
    /// so without regard to case) or the host identity (exactly) is taken; nothing is
    /// written then. Two racing creates for one host identity store one user.
    async fn create(&self, user: &User) -> Result<(), RepoError>;

    /// The user with this id.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if there is none.
    async fn get(&self, id: UserId) -> Result<User, RepoError>;

    /// The users with these ids, in any order; unknown ids are left out.
    async fn get_many(&self, ids: &[UserId]) -> Result<Vec<User>, RepoError>;

    /// The user with this username (without regard to case), if any.
    async fn find_by_username(&self, username: &Username) -> Result<Option<User>, RepoError>;

    /// The user a host service's identity maps to, if any (issuer and subject compared
    /// exactly, case included).
    async fn find_by_host(&self, host: &HostIdentity) -> Result<Option<User>, RepoError>;

    /// Up to `limit` users whose username starts with `prefix` (without regard to case),
    /// ordered by username key, starting after the username key `after` if given.
    /// An empty prefix matches everyone (the admin list pages through all users this way).
    async fn search(
        &self,
        prefix: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<User>, RepoError>;

    /// Sets or clears the banned flag and returns the updated user.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if there is no such user.
    async fn set_banned(&self, id: UserId, banned: bool) -> Result<User, RepoError>;

    /// How many users exist.
    async fn count(&self) -> Result<u64, RepoError>;

    /// Accounts created at or after `since`, per UTC hour: each hour (its start, whole
    /// seconds) in which at least one was created, with how many, oldest first.
    async fn created_per_hour(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, u64)>, RepoError>;

    /// A cheap check that the store answers, for health probes. The default counts;
    /// stores where counting is not cheap override it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn ping(&self) -> Result<(), RepoError> {
        self.count().await.map(|_| ())
    }
}
