use std::fmt;

use crate::DomainError;

/// A message's position in its conversation: 1, 2, 3, … with no gaps.
///
/// ```
/// use chat_domain::values::Seq;
/// assert_eq!(Seq::FIRST.get(), 1);
/// assert!(Seq::new(0).is_err());
/// assert_eq!(Seq::FIRST.next().get(), 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seq(u64);

impl Seq {
    /// The first message of every conversation.
    pub const FIRST: Seq = Seq(1);
    /// The largest seq accepted from outside: JSON clients lose precision past 2^53.
    pub const MAX: u64 = (1 << 53) - 1;

    /// Builds a seq.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if `n` is 0 or above 2^53 - 1.
    pub fn new(n: u64) -> Result<Self, DomainError> {
        if n == 0 || n > Self::MAX {
            return Err(DomainError::invalid(
                "seq",
                format!("must be 1..={}", Self::MAX),
            ));
        }
        Ok(Self(n))
    }

    /// The seq that follows a conversation whose last seq is `last` (0 when empty).
    pub fn after(last: u64) -> Self {
        Self(last + 1)
    }

    /// The number.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The next seq.
    pub fn next(self) -> Self {
        Self(self.0 + 1)
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<u64> for Seq {
    type Error = DomainError;
    fn try_from(value: u64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Seq> for u64 {
    fn from(value: Seq) -> Self {
        value.0
    }
}
