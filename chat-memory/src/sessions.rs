use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::ports::SessionRepository;
use chat_domain::values::TokenHash;
use chat_domain::RepoError;

use crate::lock;

/// [`SessionRepository`] in memory.
#[derive(Default)]
pub struct MemorySessions(Mutex<HashMap<TokenHash, Session>>);

impl MemorySessions {
    /// Every stored session, for adapters that persist this state (snapshots).
    pub fn all(&self) -> Vec<Session> {
        lock(&self.0).values().cloned().collect()
    }
}

#[async_trait]
impl SessionRepository for MemorySessions {
    async fn create(&self, session: &Session) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        if s.contains_key(&session.token_hash) {
            return Err(RepoError::Conflict("session exists".into()));
        }
        s.insert(session.token_hash.clone(), session.clone());
        Ok(())
    }

    async fn find_active(
        &self,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, RepoError> {
        Ok(lock(&self.0)
            .get(token_hash)
            .filter(|s| s.is_active(now))
            .cloned())
    }

    async fn list_active(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError> {
        let mut mine: Vec<Session> = lock(&self.0)
            .values()
            .filter(|s| s.user_id == user_id && s.is_active(now))
            .cloned()
            .collect();
        mine.sort_by(|a, b| {
            (a.created_at, a.token_hash.as_str()).cmp(&(b.created_at, b.token_hash.as_str()))
        });
        Ok(mine)
    }

    async fn touch(&self, token_hash: &TokenHash, at: DateTime<Utc>) -> Result<(), RepoError> {
        if let Some(session) = lock(&self.0).get_mut(token_hash) {
            session.last_used_at = session.last_used_at.max(at);
        }
        Ok(())
    }

    async fn revoke(&self, token_hash: &TokenHash) -> Result<bool, RepoError> {
        Ok(lock(&self.0).remove(token_hash).is_some())
    }

    async fn revoke_all(&self, user_id: UserId) -> Result<u64, RepoError> {
        let mut s = lock(&self.0);
        let before = s.len();
        s.retain(|_, session| session.user_id != user_id);
        Ok((before - s.len()) as u64)
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        let mut s = lock(&self.0);
        let before = s.len();
        s.retain(|_, session| session.is_active(now));
        Ok((before - s.len()) as u64)
    }
}
