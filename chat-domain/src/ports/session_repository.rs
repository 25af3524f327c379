use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::entities::Session;
use crate::ids::UserId;
use crate::values::TokenHash;
use crate::RepoError;

/// Stores login sessions by the hash of their token.
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Stores a new session.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if a session with this token hash exists.
    async fn create(&self, session: &Session) -> Result<(), RepoError>;

    /// The session with this token hash if it exists, was not revoked, and has not
    /// expired at `now`.
    async fn find_active(
        &self,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, RepoError>;

    /// The user's sessions that are active at `now`, oldest first (at most a few dozen:
    /// one per device or client the user signed in with).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn list_active(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError>;

    /// Records that the session was used at `at`: its `last_used_at` moves there, never
    /// backwards. A record lost in a crash is harmless (the time is only shown), so a
    /// store may make it durable with its next write rather than at once. Unknown or
    /// revoked sessions are ignored.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be written.
    async fn touch(&self, token_hash: &TokenHash, at: DateTime<Utc>) -> Result<(), RepoError>;

    /// Ends one session at once. Returns whether it existed.
    async fn revoke(&self, token_hash: &TokenHash) -> Result<bool, RepoError>;

    /// Ends every session of a user. Returns how many there were.
    async fn revoke_all(&self, user_id: UserId) -> Result<u64, RepoError>;

    /// Deletes sessions expired at `now`. Returns how many.
    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError>;
}
