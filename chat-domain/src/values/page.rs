use crate::values::Seq;
use crate::DomainError;

/// How many messages a history page holds: 1 to 100; larger requests are capped at 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit(usize);

impl Limit {
    /// The page size when none is asked for.
    pub const DEFAULT: Limit = Limit(50);
    /// The largest page served.
    pub const MAX: usize = 100;

    /// Builds a limit, capping it at [`Limit::MAX`].
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if `n` is 0.
    pub fn new(n: u64) -> Result<Self, DomainError> {
        if n == 0 {
            return Err(DomainError::invalid("limit", "must be at least 1"));
        }
        Ok(Self(n.min(Self::MAX as u64) as usize))
    }

    /// The number of messages.
    pub const fn get(self) -> usize {
        self.0
    }
}

impl Default for Limit {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// How many conversations one sync answer holds: 1 to 500 (larger asks are capped),
/// 100 when none is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncLimit(usize);

impl SyncLimit {
    /// The largest answer.
    pub const MAX: usize = 500;
    /// The answer's size when none is asked for.
    pub const DEFAULT: SyncLimit = SyncLimit(100);

    /// Builds a limit, capping it at [`SyncLimit::MAX`].
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if `n` is 0.
    pub fn new(n: u64) -> Result<Self, DomainError> {
        if n == 0 {
            return Err(DomainError::invalid("limit", "must be at least 1"));
        }
        Ok(Self(n.min(Self::MAX as u64) as usize))
    }
}

impl SyncLimit {
    /// The number of conversations.
    pub const fn get(self) -> usize {
        self.0
    }
}

impl Default for SyncLimit {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A history page request. The page holds messages with `after < seq < before`:
/// with `after` set, the first `limit` of them; otherwise the last `limit` (the newest
/// page when neither cursor is set). Pages are always returned in ascending seq order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageQuery {
    /// Only messages with a smaller seq.
    pub before: Option<Seq>,
    /// Only messages with a larger seq.
    pub after: Option<Seq>,
    /// Page size.
    pub limit: Limit,
}

impl PageQuery {
    /// The newest `limit` messages.
    pub fn latest(limit: Limit) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }

    /// Up to `limit` messages just before `seq`.
    pub fn before(seq: Seq, limit: Limit) -> Self {
        Self {
            before: Some(seq),
            limit,
            ..Self::default()
        }
    }

    /// Up to `limit` messages just after `seq`.
    pub fn after(seq: Seq, limit: Limit) -> Self {
        Self {
            after: Some(seq),
            limit,
            ..Self::default()
        }
    }

    /// The inclusive seq range `[lo, hi]` this page selects from a conversation whose
    /// last seq is `last_seq`, or `None` if the page is empty. Adapters use this so that
    /// every backend pages identically.
    ///
    /// ```
    /// use chat_domain::values::{Limit, PageQuery, Seq};
    /// let q = PageQuery::before(Seq::new(10).unwrap(), Limit::new(3).unwrap());
    /// assert_eq!(q.range(100), Some((7, 9)));
    /// assert_eq!(PageQuery::latest(Limit::new(50).unwrap()).range(0), None);
    /// assert_eq!(PageQuery::after(Seq::new(100).unwrap(), Limit::DEFAULT).range(100), None);
    /// ```
    pub fn range(&self, last_seq: u64) -> Option<(u64, u64)> {
        let lo_bound = self.after.map_or(1, |s| s.get() + 1);
        let hi_bound = self
            .before
            .map_or(last_seq, |s| (s.get() - 1).min(last_seq));
        if lo_bound > hi_bound {
            return None;
        }
        let span = self.limit.get() as u64 - 1;
        Some(if self.after.is_some() {
            (lo_bound, (lo_bound + span).min(hi_bound))
        } else {
            (hi_bound.saturating_sub(span).max(lo_bound), hi_bound)
        })
    }
}
