use chrono::{DateTime, Utc};

/// The time, so use cases and tests agree on "now" without reading the system clock.
pub trait Clock: Send + Sync {
    /// The current time, to the microsecond at most: stores keep no finer precision, and
    /// a time must read back equal to the one handed out.
    fn now(&self) -> DateTime<Utc>;
}
