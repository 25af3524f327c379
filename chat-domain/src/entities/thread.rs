//! Threads and forwards: what a message may say about where it belongs and where it
//! came from.

use chrono::{DateTime, Utc};

use crate::ids::UserId;
use crate::values::Seq;

/// What a thread's root shows of its replies, kept current as replies come in.
///
/// `replies` counts every reply ever posted, recalled ones too (as seqs do: a tombstone
/// keeps its place), so a recall lowers nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadSummary {
    /// How many replies were posted.
    pub replies: u64,
    /// The newest reply's seq.
    pub last_seq: Seq,
    /// When the newest reply was posted.
    pub last_reply_at: DateTime<Utc>,
    /// The newest repliers, newest first, each once, at most
    /// [`ThreadSummary::MAX_PARTICIPANTS`].
    pub participants: Vec<UserId>,
}

impl ThreadSummary {
    /// Most repliers a summary names.
    pub const MAX_PARTICIPANTS: usize = 5;

    /// The summary of a thread whose first reply is `seq`, by `user`, at `at`.
    pub fn first(seq: Seq, user: UserId, at: DateTime<Utc>) -> Self {
        Self {
            replies: 1,
            last_seq: seq,
            last_reply_at: at,
            participants: vec![user],
        }
    }

    /// Counts the reply at `seq`. Replies may be counted out of seq order (two
    /// replies stored concurrently): the newest still ends up first, and an older one
    /// only joins the participants if it is not there yet.
    pub fn count(&mut self, seq: Seq, user: UserId, at: DateTime<Utc>) {
        self.replies += 1;
        if seq > self.last_seq {
            self.last_seq = seq;
            self.last_reply_at = self.last_reply_at.max(at);
            self.participants.retain(|u| *u != user);
            self.participants.insert(0, user);
        } else if !self.participants.contains(&user) {
            let at = self.participants.len().min(1);
            self.participants.insert(at, user);
        }
        self.participants.truncate(Self::MAX_PARTICIPANTS);
    }
}

/// Where a forwarded message first came from: its sender and time, and never its
/// conversation, which may be private.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forwarded {
    /// Who sent the original.
    pub sender_id: UserId,
    /// When the original was sent.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(n: u64) -> Seq {
        Seq::new(n).unwrap()
    }

    #[test]
    fn the_newest_replier_comes_first_and_each_appears_once() {
        let (a, b) = (UserId::new(), UserId::new());
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let mut s = ThreadSummary::first(seq(2), a, t0);
        s.count(seq(3), b, t0);
        s.count(seq(4), a, t0);
        assert_eq!(s.replies, 3);
        assert_eq!(s.last_seq, seq(4));
        assert_eq!(s.participants, vec![a, b]);
    }

    #[test]
    fn a_late_count_of_an_older_reply_keeps_the_newest_first() {
        let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let mut s = ThreadSummary::first(seq(5), a, t0);
        s.count(seq(4), b, t0);
        assert_eq!((s.replies, s.last_seq), (2, seq(5)));
        assert_eq!(s.participants, vec![a, b]);
        s.count(seq(3), c, t0);
        assert_eq!(s.participants, vec![a, c, b]);
    }

    #[test]
    fn at_most_five_participants_are_named() {
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let users: Vec<UserId> = (0..7).map(|_| UserId::new()).collect();
        let mut s = ThreadSummary::first(seq(2), users[0], t0);
        for (i, u) in users.iter().enumerate().skip(1) {
            s.count(seq(2 + i as u64), *u, t0);
        }
        assert_eq!(s.replies, 7);
        assert_eq!(
            s.participants,
            users[2..].iter().rev().copied().collect::<Vec<_>>()
        );
    }
}
