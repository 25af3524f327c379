//! Single-use claims across nodes: `SET key NX PXAT until`, one command per claim.

use std::sync::atomic::{AtomicBool, Ordering};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use fred::interfaces::KeysInterface;
use fred::types::{Expiration, SetOptions};

use chat_domain::ports::ReplayGuard;
use chat_domain::RepoError;
use chat_memory::MemoryReplayGuard;

use crate::breaker::Conn;
use crate::keys::Keys;

/// [`ReplayGuard`] on Redis: a claim is a key that expires at its time, so Redis forgets
/// it by itself. While Redis is away, each node keeps its own claims (as the rate
/// limiter counts on its own), so an answer could then be used once per node.
pub struct RedisReplayGuard {
    client: Conn,
    keys: Keys,
    local: MemoryReplayGuard,
    degraded: AtomicBool,
}

impl RedisReplayGuard {
    pub(crate) fn new(client: Conn, keys: Keys) -> Self {
        Self {
            client,
            keys,
            local: MemoryReplayGuard::default(),
            degraded: AtomicBool::new(false),
        }
    }
}

#[async_trait]
impl ReplayGuard for RedisReplayGuard {
    async fn claim(
        &self,
        key: &str,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        if until <= now {
            return Ok(true);
        }
        // The key outlives its time by a second: clocks differ a little between nodes.
        let at = until.timestamp_millis() + 1_000;
        let claim = self.keys.claim(key);
        let set: Result<Option<String>, RepoError> = self
            .client
            .call(async {
                self.client
                    .set(
                        claim,
                        "1",
                        Some(Expiration::PXAT(at)),
                        Some(SetOptions::NX),
                        false,
                    )
                    .await
                    .map_err(crate::error::map)
            })
            .await;
        match set {
            Ok(done) => {
                self.degraded.store(false, Ordering::Relaxed);
                Ok(done.is_some())
            }
            Err(e) => {
                if !self.degraded.swap(true, Ordering::Relaxed) {
                    tracing::warn!(error = %e, "single-use claims fall back to per-node memory");
                }
                self.local.claim(key, until, now).await
            }
        }
    }
}
