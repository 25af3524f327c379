use chrono::{DateTime, Utc};

use crate::ids::UserId;
use crate::values::TokenHash;

/// A login session, found by the hash of its bearer token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the bearer token.
    pub token_hash: TokenHash,
    /// Whose session.
    pub user_id: UserId,
    /// When it began.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

impl Session {
    /// Whether the session still works at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at
    }
}
