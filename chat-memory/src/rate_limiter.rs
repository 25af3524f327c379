use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chat_domain::ports::{RateDecision, RateLimit, RateLimiter};
use chat_domain::RepoError;

use crate::lock;

/// Above this many keys, a check first drops the keys whose window has passed, so memory
/// stays bounded by the number of keys active within one window.
const PRUNE_AT: usize = 10_000;

#[derive(Clone, Copy)]
struct Window {
    /// Index of the window: milliseconds since the epoch divided by the window length.
    index: i64,
    window_ms: i64,
    count: u32,
}

/// [`RateLimiter`] for one node, with fixed windows aligned to the epoch (the same
/// windows a Redis `INCR` + `EXPIRE` limiter would use).
#[derive(Default)]
pub struct MemoryRateLimiter(Mutex<HashMap<String, Window>>);

#[async_trait]
impl RateLimiter for MemoryRateLimiter {
    async fn check(
        &self,
        key: &str,
        limit: RateLimit,
        now: DateTime<Utc>,
    ) -> Result<RateDecision, RepoError> {
        let window_ms = (limit.window.as_millis() as i64).max(1);
        let now_ms = now.timestamp_millis();
        let index = now_ms.div_euclid(window_ms);
        let mut map = lock(&self.0);
        if map.len() >= PRUNE_AT {
            map.retain(|_, w| w.index >= now_ms.div_euclid(w.window_ms));
        }
        let w = map.entry(key.to_owned()).or_insert(Window {
            index,
            window_ms,
            count: 0,
        });
        if w.index != index || w.window_ms != window_ms {
            *w = Window {
                index,
                window_ms,
                count: 0,
            };
        }
        if w.count < limit.max {
            w.count += 1;
            return Ok(RateDecision::Allowed);
        }
        let ends_ms = (index + 1) * window_ms;
        Ok(RateDecision::Limited {
            retry_after: Duration::from_millis((ends_ms - now_ms) as u64),
        })
    }

    async fn count(
        &self,
        key: &str,
        window: Duration,
        now: DateTime<Utc>,
    ) -> Result<u32, RepoError> {
        let window_ms = (window.as_millis() as i64).max(1);
        let index = now.timestamp_millis().div_euclid(window_ms);
        Ok(lock(&self.0)
            .get(key)
            .filter(|w| w.index == index && w.window_ms == window_ms)
            .map_or(0, |w| w.count))
    }
}
