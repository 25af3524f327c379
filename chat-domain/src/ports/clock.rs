use chrono::{DateTime, Utc};

/// The time, so use cases and tests agree on "now" without reading the system clock.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}
