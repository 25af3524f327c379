//! Rate limits across nodes: fixed windows aligned to the epoch, counted in a script.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use fred::interfaces::KeysInterface;

use chat_domain::ports::{RateDecision, RateLimit, RateLimiter};
use chat_domain::RepoError;
use chat_memory::MemoryRateLimiter;

use crate::breaker::Conn;
use crate::keys::Keys;
use crate::scripts::RATE_LIMIT;

/// [`RateLimiter`] on Redis: one counter per key and window, shared by every node. While
/// Redis is away, each node counts on its own (the same windows, in memory).
pub struct RedisRateLimiter {
    client: Conn,
    keys: Keys,
    local: MemoryRateLimiter,
    degraded: AtomicBool,
}

impl RedisRateLimiter {
    pub(crate) fn new(client: Conn, keys: Keys) -> Self {
        Self {
            client,
            keys,
            local: MemoryRateLimiter::default(),
            degraded: AtomicBool::new(false),
        }
    }
}

#[async_trait]
impl RateLimiter for RedisRateLimiter {
    async fn check(
        &self,
        key: &str,
        limit: RateLimit,
        now: DateTime<Utc>,
    ) -> Result<RateDecision, RepoError> {
        // The same windows as the memory limiter, so a fall-back changes only who counts.
        let window_ms = (limit.window.as_millis() as i64).max(1);
        let now_ms = now.timestamp_millis();
        let index = now_ms.div_euclid(window_ms);
        let left_ms = (index + 1) * window_ms - now_ms;
        let allowed: Result<i64, _> = crate::scripts::run(
            &RATE_LIMIT,
            &self.client,
            vec![self.keys.rate(key, window_ms, index)],
            // The counter outlives its window by a second: clocks differ a little
            // between nodes.
            vec![limit.max.to_string(), (left_ms + 1_000).to_string()],
        )
        .await;
        match allowed {
            Ok(1) => {
                self.degraded.store(false, Ordering::Relaxed);
                Ok(RateDecision::Allowed)
            }
            Ok(_) => Ok(RateDecision::Limited {
                retry_after: Duration::from_millis(left_ms as u64),
            }),
            Err(e) => {
                if !self.degraded.swap(true, Ordering::Relaxed) {
                    tracing::warn!(error = %e, "rate limits fall back to per-node counting");
                }
                self.local.check(key, limit, now).await
            }
        }
    }

    async fn count(
        &self,
        key: &str,
        window: Duration,
        now: DateTime<Utc>,
    ) -> Result<u32, RepoError> {
        let window_ms = (window.as_millis() as i64).max(1);
        let index = now.timestamp_millis().div_euclid(window_ms);
        let rate_key = self.keys.rate(key, window_ms, index);
        let n: Result<Option<u32>, _> = self
            .client
            .call(async { self.client.get(rate_key).await.map_err(crate::error::map) })
            .await;
        match n {
            Ok(n) => Ok(n.unwrap_or(0)),
            // While Redis is away the counting is local, and so is the count.
            Err(_) => self.local.count(key, window, now).await,
        }
    }
}
