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
}
