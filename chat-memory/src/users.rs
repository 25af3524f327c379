use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Mutex;

use chat_domain::entities::User;
use chat_domain::ids::UserId;
use chat_domain::ports::UserRepository;
use chat_domain::values::{HostIdentity, Username};
use chat_domain::RepoError;

use crate::lock;

#[derive(Default)]
struct State {
    by_id: HashMap<UserId, User>,
    /// Username key (case-folded) → id, ordered for prefix search.
    by_key: BTreeMap<String, UserId>,
    /// Host identity → id, for users a host service's tokens made.
    by_host: HashMap<HostIdentity, UserId>,
}

/// [`UserRepository`] in memory.
#[derive(Default)]
pub struct MemoryUsers(Mutex<State>);

impl MemoryUsers {
    /// Every user, for adapters that persist this state (snapshots).
    pub fn all(&self) -> Vec<User> {
        lock(&self.0).by_id.values().cloned().collect()
    }
}

#[async_trait]
impl UserRepository for MemoryUsers {
    async fn create(&self, user: &User) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        let key = user.username.key();
        if s.by_key.contains_key(&key) {
            return Err(RepoError::Conflict(format!(
                "username {} is taken",
                user.username
            )));
        }
        if s.by_id.contains_key(&user.id) {
            return Err(RepoError::Conflict(format!("user {} exists", user.id)));
        }
        if let Some(host) = &user.host {
            if s.by_host.contains_key(host) {
                return Err(RepoError::Conflict("the host identity has a user".into()));
            }
            s.by_host.insert(host.clone(), user.id);
        }
        s.by_key.insert(key, user.id);
        s.by_id.insert(user.id, user.clone());
        Ok(())
    }

    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        lock(&self.0)
            .by_id
            .get(&id)
            .cloned()
            .ok_or_else(|| RepoError::NotFound(format!("user {id}")))
    }

    async fn get_many(&self, ids: &[UserId]) -> Result<Vec<User>, RepoError> {
        let s = lock(&self.0);
        Ok(ids
            .iter()
            .filter_map(|id| s.by_id.get(id).cloned())
            .collect())
    }

    async fn find_by_username(&self, username: &Username) -> Result<Option<User>, RepoError> {
        let s = lock(&self.0);
        Ok(s.by_key.get(&username.key()).map(|id| s.by_id[id].clone()))
    }

    async fn find_by_host(&self, host: &HostIdentity) -> Result<Option<User>, RepoError> {
        let s = lock(&self.0);
        Ok(s.by_host.get(host).map(|id| s.by_id[id].clone()))
    }

    async fn search(
        &self,
        prefix: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<User>, RepoError> {
        let prefix = prefix.to_ascii_lowercase();
        let s = lock(&self.0);
        let start = match after {
            Some(a) if a.to_ascii_lowercase() >= prefix => Bound::Excluded(a.to_ascii_lowercase()),
            _ => Bound::Included(prefix.clone()),
        };
        Ok(s.by_key
            .range((start, Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(&prefix))
            .take(limit)
            .map(|(_, id)| s.by_id[id].clone())
            .collect())
    }

    async fn set_banned(&self, id: UserId, banned: bool) -> Result<User, RepoError> {
        let mut s = lock(&self.0);
        let user = s
            .by_id
            .get_mut(&id)
            .ok_or_else(|| RepoError::NotFound(format!("user {id}")))?;
        user.banned = banned;
        Ok(user.clone())
    }

    async fn count(&self) -> Result<u64, RepoError> {
        Ok(lock(&self.0).by_id.len() as u64)
    }

    async fn created_per_hour(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, u64)>, RepoError> {
        let mut hours = BTreeMap::<i64, u64>::new();
        for user in lock(&self.0).by_id.values() {
            if user.created_at >= since {
                *hours
                    .entry(user.created_at.timestamp().div_euclid(3600))
                    .or_default() += 1;
            }
        }
        Ok(hours
            .into_iter()
            .filter_map(|(hour, n)| Some((DateTime::from_timestamp(hour * 3600, 0)?, n)))
            .collect())
    }
}
