use crate::entities::Message;
use crate::values::{Limit, Seq};

/// A part of a conversation's one sequence that can be paged on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strand {
    /// The messages in no thread.
    TopLevel,
    /// The replies in the thread of the root at this seq.
    Replies(Seq),
}

impl Strand {
    /// Whether `m` belongs to this strand.
    ///
    /// ```
    /// use chat_domain::values::{Seq, Strand};
    /// assert_eq!(Strand::Replies(Seq::FIRST).floor(), 1);
    /// assert_eq!(Strand::TopLevel.floor(), 0);
    /// ```
    pub fn holds(self, m: &Message) -> bool {
        match self {
            Strand::TopLevel => m.thread_root.is_none(),
            Strand::Replies(root) => m.thread_root == Some(root),
        }
    }

    /// No message of the strand has a seq at or below this (0: any may).
    pub fn floor(self) -> u64 {
        match self {
            Strand::TopLevel => 0,
            Strand::Replies(root) => root.get(),
        }
    }
}

/// A page of a [`Strand`]: its messages with `after < seq < before`; with `after` set
/// (0 pages from the start), the first `limit` of them, otherwise the last `limit`.
/// Always returned in ascending seq order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrandQuery {
    /// Which messages.
    pub strand: Strand,
    /// Only messages with a larger seq; `Some(0)` for all from the start.
    pub after: Option<u64>,
    /// Only messages with a smaller seq.
    pub before: Option<Seq>,
    /// Page size.
    pub limit: Limit,
}

impl StrandQuery {
    /// The lower bound actually applied: `after`, raised to the strand's floor.
    pub fn lower(&self) -> u64 {
        self.after.unwrap_or(0).max(self.strand.floor())
    }
}
