//! What the stores tell the sync call: where their change stamps stand, and each
//! conversation's message log in brief.
//!
//! Every store stamps each change a sync client must learn of with a number from one
//! increasing sequence of its own: a conversation created or its member list changed,
//! a member's own row changed (joined, read cursor moved, muted), a member left, a
//! message appended or changed. A row's stamp only grows. The sync call asks for a
//! [`SyncPoint`] before it reads, and next time asks for what was stamped above it.

use crate::ids::ConversationId;

/// Where a store's stamps stand, taken before a read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncPoint {
    /// Names the stamp sequence. A stamp from another epoch (another server's store, or
    /// this store before a restart where stamps live in memory) means nothing here.
    pub epoch: u64,
    /// Every change stamped at or below this is visible to reads that start after the
    /// call that returned it; a change not yet visible then gets a higher stamp.
    pub settled: u64,
}

/// One conversation's message log, as the sync call needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogMark {
    /// The conversation.
    pub conversation_id: ConversationId,
    /// The highest version given to a change of one of its messages (0 for none).
    pub last_version: u64,
    /// The stamp of its latest append or change (0 for none since stamps began).
    pub stamp: u64,
}
