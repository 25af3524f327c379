use chrono::{DateTime, Utc};

use crate::ids::UserId;

/// A message pinned in its conversation: by whom and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pin {
    /// Who pinned it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}
