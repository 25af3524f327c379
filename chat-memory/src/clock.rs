use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::sync::Mutex;

use chat_domain::ports::Clock;

use crate::lock;

/// The system's wall clock, to the microsecond: the finest precision every store keeps
/// (MySQL's `DATETIME(6)`), so a time reads back exactly as it was handed out.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}

/// A clock that moves only when told: for tests of expiry and windows.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    /// A clock stopped at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        *lock(&self.0) += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *lock(&self.0)
    }
}
