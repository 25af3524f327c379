//! Change stamps kept in memory, for message logs whose stores hold no stamps of their
//! own (this one, and the TXT store's message files).

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;

use chat_domain::ids::ConversationId;
use chat_domain::ports::SyncPoint;

use crate::lock;

/// A fresh epoch: random, so stamps handed out before a restart are told apart.
pub(crate) fn new_epoch() -> u64 {
    let mut h = RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.finish()
}

/// One increasing counter and the latest stamp of each conversation's log. A store
/// calls [`Stamps::bump`] while it still holds the lock that makes the change visible,
/// so a change counted at or below a [`SyncPoint`] is visible to reads after it.
#[derive(Debug)]
pub struct Stamps {
    epoch: u64,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    clock: u64,
    of: HashMap<ConversationId, u64>,
}

impl Default for Stamps {
    fn default() -> Self {
        Self {
            epoch: new_epoch(),
            inner: Mutex::default(),
        }
    }
}

impl Stamps {
    /// Stamps a change to `id`'s log and returns the stamp.
    pub fn bump(&self, id: ConversationId) -> u64 {
        let mut inner = lock(&self.inner);
        inner.clock += 1;
        let stamp = inner.clock;
        inner.of.insert(id, stamp);
        stamp
    }

    /// Where the stamps stand.
    pub fn point(&self) -> SyncPoint {
        SyncPoint {
            epoch: self.epoch,
            settled: lock(&self.inner).clock,
        }
    }

    /// The latest stamp of each conversation (0 for none), in the given order.
    pub fn of(&self, ids: &[ConversationId]) -> Vec<u64> {
        let inner = lock(&self.inner);
        ids.iter()
            .map(|id| inner.of.get(id).copied().unwrap_or(0))
            .collect()
    }
}
