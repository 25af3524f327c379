use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

use chat_domain::ports::ReplayGuard;
use chat_domain::RepoError;

use crate::lock;

/// [`ReplayGuard`] for one node. Expired claims are swept whenever the map has doubled
/// since the last sweep, so memory stays proportional to the claims still live.
#[derive(Default)]
pub struct MemoryReplayGuard(Mutex<Claims>);

#[derive(Default)]
struct Claims {
    until: HashMap<String, DateTime<Utc>>,
    sweep_at: usize,
}

#[async_trait]
impl ReplayGuard for MemoryReplayGuard {
    async fn claim(
        &self,
        key: &str,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        if until <= now {
            return Ok(true);
        }
        let mut claims = lock(&self.0);
        if claims.until.len() >= claims.sweep_at {
            claims.until.retain(|_, t| *t > now);
            claims.sweep_at = (claims.until.len() * 2).max(1024);
        }
        match claims.until.get(key) {
            Some(t) if *t > now => Ok(false),
            _ => {
                claims.until.insert(key.to_owned(), until);
                Ok(true)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[tokio::test]
    async fn a_key_is_claimed_once_until_its_time_then_forgotten() {
        let guard = MemoryReplayGuard::default();
        let now = Utc::now();
        let until = now + Duration::minutes(5);
        assert!(guard.claim("a", until, now).await.unwrap());
        assert!(!guard
            .claim("a", until, now + Duration::minutes(4))
            .await
            .unwrap());
        assert!(guard.claim("b", until, now).await.unwrap());
        // Past its time the claim is gone: sweeps keep only live ones.
        let later = now + Duration::minutes(6);
        for i in 0..2048 {
            assert!(guard
                .claim(&format!("k{i}"), later + Duration::minutes(1), later)
                .await
                .unwrap());
        }
        assert!(!lock(&guard.0).until.contains_key("a"));
    }
}
