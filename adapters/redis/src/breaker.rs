//! Skips Redis while it does not answer. A call on a request's path that fails, or takes
//! longer than its budget (Redis hangs, the network drops packets, a connection was just
//! cut), trips the breaker; from then on every call falls back to local state at once,
//! rather than each waiting out a timeout, and one background probe asks Redis every
//! quarter second whether it answers again.

use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use fred::clients::Client;
use fred::interfaces::ClientLike;
use tokio::sync::Notify;

use chat_domain::RepoError;

use crate::error::connected;

/// How often a tripped breaker asks Redis whether it answers.
const PROBE_EVERY: Duration = Duration::from_millis(250);

/// Open while Redis does not answer.
#[derive(Default)]
pub(crate) struct Breaker {
    open: AtomicBool,
    tripped: Notify,
}

/// The client every port of one node uses, with the breaker they share.
#[derive(Clone)]
pub(crate) struct Conn {
    client: Client,
    breaker: Arc<Breaker>,
    budget: Duration,
}

impl Deref for Conn {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Conn {
    pub(crate) fn new(client: Client, budget: Duration) -> Self {
        Self {
            client,
            breaker: Arc::default(),
            budget,
        }
    }

    /// Runs `call` unless Redis is skipped, within the budget; a failure or an overrun
    /// trips the breaker.
    pub(crate) async fn call<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, RepoError>>,
    ) -> Result<T, RepoError> {
        self.ready()?;
        let done = match tokio::time::timeout(self.budget, call).await {
            Ok(done) => done,
            Err(_) => Err(RepoError::Unavailable(format!(
                "redis: no answer within {:?}",
                self.budget
            ))),
        };
        self.watch(done)
    }

    /// `Unavailable` at once while the connection is down or the breaker is open.
    pub(crate) fn ready(&self) -> Result<(), RepoError> {
        connected(&self.client)?;
        if self.breaker.open.load(Ordering::Relaxed) {
            return Err(RepoError::Unavailable(
                "redis: skipped while it does not answer".into(),
            ));
        }
        Ok(())
    }

    /// Redis answered a call made past the breaker (a probe, the liveness refresh):
    /// calls go to it again.
    pub(crate) fn answered(&self) {
        if self.breaker.open.swap(false, Ordering::Relaxed) {
            tracing::info!("redis answers again");
        }
    }

    /// Passes `result` on; a failure trips the breaker.
    fn watch<T>(&self, result: Result<T, RepoError>) -> Result<T, RepoError> {
        if result.is_err() && !self.breaker.open.swap(true, Ordering::Relaxed) {
            tracing::warn!("redis did not answer: skipping it until it does");
            self.breaker.tripped.notify_one();
        }
        result
    }
}

/// Closes the breaker once Redis answers a ping again; runs for the node's life.
pub(crate) async fn probe(conn: Conn) {
    loop {
        conn.breaker.tripped.notified().await;
        while conn.breaker.open.load(Ordering::Relaxed) {
            tokio::time::sleep(PROBE_EVERY).await;
            if !conn.client.is_connected() {
                continue;
            }
            let pong: Result<String, _> = conn.client.ping(None).await;
            if pong.is_ok() {
                conn.answered();
            }
        }
    }
}
