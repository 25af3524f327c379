//! The sync stamps' rules the SQL stores share (see `chat_domain::ports::SyncPoint`).
//!
//! A stamp is the database's clock in microseconds, one clock for every server process.
//! A sync point settles [`SETTLE_MICROS`] behind it: a change stamped earlier has shown
//! by then, because a write slower than [`RESTAMP_AFTER`] from its stamp to its commit
//! stamps itself again once committed ([`Fence`]). An append whose commit outlived its
//! sender's wait (or whose second stamp failed) heals on the retry: a retried send that
//! finds its stored twin stamps that log again.

use std::time::{Duration, Instant};

use chat_domain::ids::{ConversationId, UserId};

/// How far behind the clock a sync point settles, in microseconds.
pub const SETTLE_MICROS: u64 = 5_000_000;

/// A write slower than this from stamp to commit stamps again (well inside the settle
/// window).
pub const RESTAMP_AFTER: Duration = Duration::from_secs(2);

/// What a write stamps.
#[derive(Clone, Copy, Debug)]
pub enum Stamp<'a> {
    /// The conversation as every member sees it (created, members, roles).
    Conversation(ConversationId),
    /// One member's own row.
    Member(ConversationId, UserId),
    /// Every member's own row (a new conversation's).
    Members(ConversationId),
    /// A member leaving.
    Departure(ConversationId, UserId),
    /// The message logs of these conversations, in id order (rows locked in that order).
    Logs(&'a [ConversationId]),
}

/// Started before a write's first stamp; asked once the write has committed.
#[derive(Debug)]
pub struct Fence(Instant);

impl Fence {
    /// Starts timing a write.
    pub fn start() -> Self {
        Self(Instant::now())
    }

    /// Whether the write took so long that a sync point might have settled past its
    /// first stamp before it showed: then the store stamps it again.
    pub fn needs_restamp(&self) -> bool {
        self.0.elapsed() > RESTAMP_AFTER
    }
}

/// How far the highest sync point handed out may lag in the database (it is raised at
/// most once per this many microseconds, not on every sync).
pub const HIGH_WATER_STEP: u64 = 1_000_000;

/// What a sync point does with the highest point stored as handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighWater {
    /// Nothing to write.
    Keep,
    /// Store this point as the highest.
    Raise,
    /// The database's clock went back past what the settle window absorbs: changes may
    /// now be stamped below points already handed out, so every cursor must go. The
    /// store names its stamps with a new epoch (clients sync in full once) and stores
    /// this point as the highest.
    Rotate,
}

impl HighWater {
    /// The rule, given where a point settles now and the highest stored. A step back of
    /// less than half the settle window is harmless (new stamps still land above every
    /// point handed out) and kept; a longer one rotates, well before a change could hide.
    pub fn of(settled: u64, highest: u64) -> Self {
        if settled + SETTLE_MICROS / 2 < highest {
            HighWater::Rotate
        } else if settled > highest + HIGH_WATER_STEP {
            HighWater::Raise
        } else {
            HighWater::Keep
        }
    }
}

/// Where a sync point settles, given the database's clock in microseconds.
pub fn settled(now_micros: i64) -> u64 {
    u64::try_from(now_micros)
        .unwrap_or(0)
        .saturating_sub(SETTLE_MICROS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_settles_behind_the_clock_and_never_below_zero() {
        assert_eq!(settled(12_000_000), 7_000_000);
        assert_eq!(settled(1), 0);
        assert_eq!(settled(-5), 0);
        assert!(!Fence::start().needs_restamp());
    }

    #[test]
    fn the_high_water_is_raised_by_steps_and_a_clock_gone_back_rotates() {
        let s = 100 * SETTLE_MICROS;
        assert_eq!(HighWater::of(s, 0), HighWater::Raise);
        assert_eq!(HighWater::of(s, s - HIGH_WATER_STEP / 2), HighWater::Keep);
        assert_eq!(HighWater::of(s, s), HighWater::Keep);
        // Back less than half the window: every new stamp still lands above `s`.
        assert_eq!(HighWater::of(s - SETTLE_MICROS / 4, s), HighWater::Keep);
        assert_eq!(HighWater::of(s - SETTLE_MICROS, s), HighWater::Rotate);
    }
}
