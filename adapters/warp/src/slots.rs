//! Per-user counts of something held (live connections, file transfers) with a limit,
//! claimed atomically so parallel requests cannot all slip under it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chat_domain::ids::UserId;

/// How many of a thing each user holds on this node.
#[derive(Clone, Default)]
pub(crate) struct Slots(Arc<Mutex<HashMap<UserId, u32>>>);

/// One claimed slot; released on drop.
pub(crate) struct Slot {
    slots: Slots,
    user: UserId,
}

impl Slots {
    /// Claims one of `user`'s slots, if fewer than `limit` are held.
    pub(crate) fn claim(&self, user: UserId, limit: u32) -> Option<Slot> {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = held.entry(user).or_insert(0);
        if *n >= limit {
            return None;
        }
        *n += 1;
        Some(Slot {
            slots: self.clone(),
            user,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = self.slots.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = held.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                held.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_holds_at_most_the_limit_and_a_dropped_slot_frees_one() {
        let (slots, ana, ben) = (Slots::default(), UserId::new(), UserId::new());
        let first = slots.claim(ana, 2).unwrap();
        let _second = slots.claim(ana, 2).unwrap();
        assert!(slots.claim(ana, 2).is_none());
        assert!(slots.claim(ben, 2).is_some(), "per user");
        drop(first);
        assert!(slots.claim(ana, 2).is_some());
    }
}
