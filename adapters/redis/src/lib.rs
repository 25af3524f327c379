//! Live-state ports on Redis, through `fred`: what several `chat-server` nodes share.
//!
//! - Events (`RedisEventBus`): each node subscribes to one channel of its own; a publish runs
//!   a script that sends the event, serialised once, to each *other* node with a
//!   subscriber in its audience (a registry of user → nodes), once per node.
//! - Presence (`RedisPresence`): each user's connections with an expiry pushed on by heartbeats,
//!   so a node that dies without cleaning up ages out; transitions are decided in
//!   scripts, so each is seen by exactly one caller across nodes.
//! - Rate limits (`RedisRateLimiter`): fixed windows counted atomically in a script.
//! - Single-use claims (`RedisReplayGuard`): `SET NX` with an expiry at the claim's time.
//!
//! When Redis is away, each falls back to its in-process counterpart (local fan-out,
//! local presence, per-node limits) and [`EventBus::health`] reports it; everything
//! resumes when the client reconnects. A call on a request's path waits at most its
//! budget; one that fails or overruns opens a breaker (`breaker.rs`) that skips Redis
//! until a probe hears from it again. Standalone Redis (or a primary with replicas):
//! the scripts touch keys they compute, which Redis Cluster does not allow.
//!
//! [`EventBus::health`]: chat_domain::ports::EventBus::health

mod breaker;
mod error;
mod event_bus;
mod keys;
mod presence;
mod rate_limiter;
mod registry;
mod replay_guard;
mod scripts;
pub mod testing;
pub mod wire;

use std::sync::Arc;
use std::time::Duration;

use fred::prelude::{Builder, ClientLike, Config as FredConfig, ReconnectPolicy};

use chat_domain::ports::{Live, Shutdown};
use chat_domain::RepoError;

use event_bus::RedisEventBus;
use presence::RedisPresence;
use rate_limiter::RedisRateLimiter;
use replay_guard::RedisReplayGuard;

/// How to reach Redis and how to name things in it.
#[derive(Clone, Debug)]
pub struct RedisConfig {
    /// `redis://[user:password@]host:port[/db]`.
    pub url: String,
    /// Put before every key and channel, so several deployments (or tests) share one
    /// Redis without meeting.
    pub prefix: String,
    /// A connection not heard from for this long ages out of presence. Make it longer
    /// than the heartbeat interval (the server uses 1.5 ping intervals).
    pub presence_ttl: Duration,
    /// How long one command may take before it fails and the node falls back to its
    /// local state (connecting, and the background work: liveness, rejoining, probes).
    pub command_timeout: Duration,
    /// How long a call on a request's path (a rate limit, a publish, a presence change)
    /// waits for Redis before it falls back and Redis is skipped until it answers again:
    /// a send never waits longer than this on Redis.
    pub call_budget: Duration,
}

impl RedisConfig {
    /// Defaults for `url`: prefix `chat:`, a 45-second presence expiry, 2-second commands,
    /// 250 ms for a call on a request's path.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            prefix: "chat:".into(),
            presence_ttl: Duration::from_secs(45),
            command_timeout: Duration::from_secs(2),
            call_budget: Duration::from_millis(250),
        }
    }
}

/// Connects this node and hands out its live-state ports. If Redis cannot be reached
/// within the command timeout, the node starts degraded (local state only) and keeps
/// reconnecting in the background. Closing the bundle leaves: this node's registrations
/// are removed and its connections closed.
///
/// # Errors
/// [`RepoError::Unavailable`] if the URL is malformed.
pub async fn connect(config: &RedisConfig) -> Result<Live, RepoError> {
    let mut fred_config = FredConfig::from_url(&config.url)
        .map_err(|e| RepoError::Unavailable(format!("bad Redis URL: {e}")))?;
    // Keep trying when the first connection fails (Redis down at start), rather than
    // giving up for the life of the process.
    fred_config.fail_fast = false;
    let mut builder = Builder::from_config(fred_config);
    let timeout = config.command_timeout;
    builder
        .with_connection_config(|c| {
            c.connection_timeout = timeout;
            c.internal_command_timeout = timeout;
            // Fail rather than queue while Redis is away: callers fall back.
            c.max_command_attempts = 1;
        })
        .with_performance_config(|p| {
            p.default_command_timeout = timeout;
            // Events for this node wait here while the receiving task catches up.
            p.broadcast_channel_capacity = 16_384;
        })
        // Reconnect forever, backing off to 2 s between attempts.
        .set_policy(ReconnectPolicy::new_exponential(0, 50, 2_000, 2));
    let client = builder.build().map_err(error::map)?;
    let subscriber = builder.build_subscriber_client().map_err(error::map)?;
    client.connect();
    subscriber.connect();
    let connected = tokio::time::timeout(timeout, client.wait_for_connect()).await;
    if !matches!(connected, Ok(Ok(()))) {
        tracing::warn!(url = %config.url, "Redis is unreachable; starting with local live state only");
    }
    let keys = keys::Keys::new(&config.prefix);
    let conn = breaker::Conn::new(client.clone(), config.call_budget.min(timeout));
    let probe = tokio::spawn(breaker::probe(conn.clone()));
    let events = Arc::new(RedisEventBus::start(conn.clone(), subscriber, keys.clone()).await);
    let live = Live::new(
        Arc::new(RedisPresence::new(
            conn.clone(),
            keys.clone(),
            config.presence_ttl,
        )),
        events.clone(),
        Arc::new(RedisRateLimiter::new(conn.clone(), keys.clone())),
        Arc::new(RedisReplayGuard::new(conn, keys)),
    );
    Ok(live.closed_by(Arc::new(Leaving {
        events,
        client,
        probe,
    })))
}

/// What closing does: this node leaves the registry, then its connections close.
struct Leaving {
    events: Arc<RedisEventBus>,
    client: fred::clients::Client,
    probe: tokio::task::JoinHandle<()>,
}

impl Drop for Leaving {
    fn drop(&mut self) {
        self.probe.abort();
    }
}

#[async_trait::async_trait]
impl Shutdown for Leaving {
    async fn close(&self) {
        self.probe.abort();
        self.events.close().await;
        let _ = self.client.quit().await;
    }
}
