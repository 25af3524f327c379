use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::ids::UserId;
use crate::values::{TokenHash, UserAgent};

/// A login session, found by the hash of its bearer token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the bearer token.
    pub token_hash: TokenHash,
    /// Whose session.
    pub user_id: UserId,
    /// When it began.
    pub created_at: DateTime<Utc>,
    /// When it stops working ([`Session::never_expires`] for a bot's token).
    pub expires_at: DateTime<Utc>,
    /// When it was last used, to the minute (see [`Session::needs_touch`]).
    pub last_used_at: DateTime<Utc>,
    /// The client it was opened from, as it named itself.
    pub user_agent: Option<UserAgent>,
}

impl Session {
    /// Whether the session still works at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at
    }

    /// The end of a session that lasts until it is revoked: the last second of year 9999,
    /// the latest time every store can hold.
    pub fn never_expires() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59)
            .single()
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// How stale `last_used_at` may get: it is kept to the minute, so a session in use is
    /// written at most once a minute, not once a request.
    pub const TOUCH_EVERY: Duration = Duration::minutes(1);

    /// Whether a use at `now` should be recorded.
    pub fn needs_touch(&self, now: DateTime<Utc>) -> bool {
        now - self.last_used_at >= Self::TOUCH_EVERY
    }
}
