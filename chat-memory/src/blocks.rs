use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chat_domain::ids::UserId;
use chat_domain::ports::BlockRepository;
use chat_domain::RepoError;

use crate::lock;

#[derive(Default)]
struct State {
    /// Blocker → (blocked → since when).
    by_blocker: HashMap<UserId, HashMap<UserId, DateTime<Utc>>>,
    /// Blocked → who blocks them.
    by_blocked: HashMap<UserId, HashSet<UserId>>,
}

/// [`BlockRepository`] in memory.
#[derive(Default)]
pub struct MemoryBlocks(Mutex<State>);

impl MemoryBlocks {
    /// Every block as (blocker, blocked, since), for adapters that persist this state.
    pub fn all(&self) -> Vec<(UserId, UserId, DateTime<Utc>)> {
        lock(&self.0)
            .by_blocker
            .iter()
            .flat_map(|(blocker, blocked)| blocked.iter().map(|(b, at)| (*blocker, *b, *at)))
            .collect()
    }

    /// Whether `blocker` blocks `blocked`.
    pub fn blocks(&self, blocker: UserId, blocked: UserId) -> bool {
        lock(&self.0)
            .by_blocker
            .get(&blocker)
            .is_some_and(|b| b.contains_key(&blocked))
    }
}

#[async_trait]
impl BlockRepository for MemoryBlocks {
    async fn block(
        &self,
        blocker: UserId,
        blocked: UserId,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        s.by_blocker
            .entry(blocker)
            .or_default()
            .entry(blocked)
            .or_insert(at);
        s.by_blocked.entry(blocked).or_default().insert(blocker);
        Ok(())
    }

    async fn unblock(&self, blocker: UserId, blocked: UserId) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        if let Some(b) = s.by_blocker.get_mut(&blocker) {
            b.remove(&blocked);
        }
        if let Some(b) = s.by_blocked.get_mut(&blocked) {
            b.remove(&blocker);
        }
        Ok(())
    }

    async fn blocked_by(&self, blocker: UserId) -> Result<Vec<(UserId, DateTime<Utc>)>, RepoError> {
        let s = lock(&self.0);
        let mut blocked: Vec<(DateTime<Utc>, UserId)> = s
            .by_blocker
            .get(&blocker)
            .map(|b| b.iter().map(|(u, at)| (*at, *u)).collect())
            .unwrap_or_default();
        blocked.sort_by(|a, b| b.cmp(a));
        Ok(blocked.into_iter().map(|(at, u)| (u, at)).collect())
    }

    async fn blockers_of(&self, user: UserId) -> Result<Vec<UserId>, RepoError> {
        Ok(lock(&self.0)
            .by_blocked
            .get(&user)
            .map(|b| b.iter().copied().collect())
            .unwrap_or_default())
    }
}
