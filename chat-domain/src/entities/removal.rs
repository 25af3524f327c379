use chrono::{DateTime, Utc};

use crate::ids::UserId;

/// A message removed by a moderator (a group's owner or admin, or a server admin) rather
/// than recalled by its sender: who removed it, and when. It is a tombstone either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removal {
    /// Who removed it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}
