use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

use crate::RepoError;

/// At most `max` actions per `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Actions allowed per window.
    pub max: u32,
    /// The window.
    pub window: Duration,
}

/// The answer to one action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateDecision {
    /// Go ahead (the action was counted).
    Allowed,
    /// Over the limit: try again after this long.
    Limited {
        /// Time until the window frees up.
        retry_after: Duration,
    },
}

/// Counts actions per key in fixed windows; atomic per key across every caller (and, in
/// distributed adapters, every node).
#[async_trait]
pub trait RateLimiter: Send + Sync {
    /// Counts one action for `key` at `now` and says whether it is within `limit`.
    /// Keys are independent of each other; a limited action is not counted.
    async fn check(
        &self,
        key: &str,
        limit: RateLimit,
        now: DateTime<Utc>,
    ) -> Result<RateDecision, RepoError>;

    /// The actions counted for `key` in the window of length `window` that holds `now`
    /// (0 for a key never counted there), without counting one.
    ///
    /// # Errors
    /// `Unavailable` if the count cannot be read.
    async fn count(
        &self,
        key: &str,
        window: Duration,
        now: DateTime<Utc>,
    ) -> Result<u32, RepoError>;
}
