use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::RepoError;

/// Remembers keys until a time, so that something may be used only once: a solved
/// challenge, say. Atomic per key across every caller (and, in distributed adapters,
/// every node).
#[async_trait]
pub trait ReplayGuard: Send + Sync {
    /// Claims `key` until `until`: `true` the first time, `false` for every later claim
    /// before `until`. A claim made at or after `until` is pointless (the thing claimed
    /// has expired) and answers `true` without being kept; kept claims are forgotten
    /// once their time has passed, so memory stays bounded by the claims still live.
    ///
    /// # Errors
    /// `Unavailable` if the claim could not be recorded (the caller must then refuse).
    async fn claim(
        &self,
        key: &str,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, RepoError>;
}
