//! [`PushGateway`] that POSTs each notification as JSON to a webhook, where an FCM or
//! APNs sender (or anything else) takes over.
//!
//! Each delivery carries `X-Chat-Delivery` (the same id on every attempt, so a receiver
//! can drop repeats) and `X-Chat-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact
//! body under the shared secret. Notifications wait in a bounded queue; a few workers
//! deliver them, retrying failures (a non-2xx answer, no answer) with exponential
//! backoff. [`PushGateway::notify`] never waits: a full queue refuses at once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio::sync::{mpsc, Mutex, Semaphore};

use chat_domain::ports::{PushGateway, PushNotification, QueueFull};

use crate::{signature, Outgoing};

/// Where and how to deliver.
#[derive(Clone, Debug)]
pub struct WebhookConfig {
    /// `https://…` (or `http://…`): see [`crate::receiver_url`].
    pub url: http::Uri,
    /// The shared secret for the signature.
    pub secret: String,
    /// Notifications waiting at most.
    pub queue: usize,
    /// Deliveries in flight at once.
    pub workers: usize,
    /// Attempts per notification before it is given up (and logged).
    pub max_attempts: u32,
    /// Wait before the second attempt; doubles each time up to `max_backoff`.
    pub first_backoff: Duration,
    /// Longest wait between attempts.
    pub max_backoff: Duration,
    /// Longest one attempt may take.
    pub timeout: Duration,
}

impl WebhookConfig {
    /// Defaults: 10,000 queued, 8 workers, 8 attempts from 200 ms up to 30 s apart, 10 s
    /// per attempt.
    pub fn new(url: http::Uri, secret: impl Into<String>) -> Self {
        Self {
            url,
            secret: secret.into(),
            queue: 10_000,
            workers: 8,
            max_attempts: 8,
            first_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
        }
    }
}

/// What a receiver gets: this adapter's own format (docs/PROTOCOL.md, Push
/// notifications), independent of the domain's types.
#[derive(Serialize)]
struct Payload<'a> {
    delivery_id: uuid::Uuid,
    sent_at: DateTime<Utc>,
    notification: Notification<'a>,
}

/// A notification as receivers see it.
#[derive(Serialize)]
struct Notification<'a> {
    user_id: uuid::Uuid,
    conversation_id: uuid::Uuid,
    message_id: uuid::Uuid,
    seq: u64,
    /// Written only for a thread reply, so receivers that know no threads see no change.
    #[serde(skip_serializing_if = "Option::is_none")]
    thread_root: Option<u64>,
    sender_id: uuid::Uuid,
    kind: &'static str,
    preview: &'a str,
    created_at: DateTime<Utc>,
}

impl<'a> From<&'a PushNotification> for Notification<'a> {
    fn from(n: &'a PushNotification) -> Self {
        Self {
            user_id: *n.user_id.as_uuid(),
            conversation_id: *n.conversation_id.as_uuid(),
            message_id: *n.message_id.as_uuid(),
            seq: n.seq,
            thread_root: n.thread_root,
            sender_id: *n.sender_id.as_uuid(),
            kind: n.kind.as_str(),
            preview: &n.preview,
            created_at: n.created_at,
        }
    }
}

/// Counters, for logs and tests.
#[derive(Default, Debug)]
pub struct WebhookStats {
    /// Notifications the receiver accepted.
    pub delivered: AtomicU64,
    /// Notifications given up after every attempt failed.
    pub failed: AtomicU64,
    /// Attempts that failed (and were retried or given up).
    pub failed_attempts: AtomicU64,
}

/// The webhook [`PushGateway`].
pub struct WebhookPush {
    queue: mpsc::Sender<PushNotification>,
    stats: Arc<WebhookStats>,
}

impl WebhookPush {
    /// Starts the workers on the current runtime, calling out through `client`.
    pub fn start(config: WebhookConfig, client: Outgoing) -> Self {
        let (queue, rx) = mpsc::channel(config.queue.max(1));
        let stats = Arc::new(WebhookStats::default());
        tokio::spawn(run(config, client, rx, stats.clone()));
        Self { queue, stats }
    }

    /// Delivery counters.
    pub fn stats(&self) -> &WebhookStats {
        &self.stats
    }
}

impl PushGateway for WebhookPush {
    fn notify(&self, notification: PushNotification) -> Result<(), QueueFull> {
        self.queue.try_send(notification).map_err(|_| QueueFull)
    }
}

async fn run(
    config: WebhookConfig,
    client: Outgoing,
    rx: mpsc::Receiver<PushNotification>,
    stats: Arc<WebhookStats>,
) {
    let config = Arc::new(config);
    let rx = Arc::new(Mutex::new(rx));
    let slots = Arc::new(Semaphore::new(config.workers.max(1)));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let Some(n) = rx.lock().await.recv().await else {
            return;
        };
        let (client, config, stats) = (client.clone(), config.clone(), stats.clone());
        tokio::spawn(async move {
            deliver(&client, &config, &stats, n).await;
            drop(slot);
        });
    }
}

/// One notification, through every attempt it takes.
async fn deliver(
    client: &Outgoing,
    config: &WebhookConfig,
    stats: &WebhookStats,
    n: PushNotification,
) {
    let delivery_id = uuid::Uuid::new_v4();
    let payload = Payload {
        delivery_id,
        sent_at: Utc::now(),
        notification: (&n).into(),
    };
    let Ok(body) = serde_json::to_vec(&payload) else {
        return;
    };
    let body = Bytes::from(body);
    let signed = signature(config.secret.as_bytes(), &body);
    let mut backoff = config.first_backoff;
    for attempt in 1..=config.max_attempts {
        let headers = [
            ("x-chat-delivery", delivery_id.to_string()),
            ("x-chat-signature", signed.clone()),
        ];
        let answer = client
            .post_json(&config.url, &headers, body.clone(), config.timeout)
            .await;
        let why = match answer {
            Ok(a) if a.status.is_success() => {
                stats.delivered.fetch_add(1, Ordering::Relaxed);
                return;
            }
            Ok(a) => format!("answered {}", a.status),
            Err(e) => e,
        };
        stats.failed_attempts.fetch_add(1, Ordering::Relaxed);
        if attempt == config.max_attempts {
            stats.failed.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(%delivery_id, user = %n.user_id, attempts = attempt, reason = why, "push notification given up");
            return;
        }
        tracing::debug!(%delivery_id, attempt, reason = why, "push delivery failed; retrying");
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(config.max_backoff);
    }
}
