//! [`EventDelivery`] as a signed POST of each event to the host's receiver, in protocol
//! v1's `HostEvent` shape (docs/PROTOCOL.md, Events webhook). A 2xx answer is a delivery;
//! the core retries anything else.

use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;

use chat_domain::ports::{DeliveredEvent, DeliveryFailed, EventDelivery};
use chat_protocol::hooks::HostEvent;

use crate::{signature, Outgoing};

/// Where and how to deliver.
#[derive(Clone, Debug)]
pub struct EventsConfig {
    /// The receiver.
    pub url: http::Uri,
    /// The shared secret for the signature.
    pub secret: String,
    /// Longest one attempt may take.
    pub timeout: Duration,
}

/// The events webhook.
pub struct EventWebhook {
    config: EventsConfig,
    client: Outgoing,
}

impl EventWebhook {
    /// Delivers to `config`'s receiver through `client`.
    pub fn new(config: EventsConfig, client: Outgoing) -> Self {
        Self { config, client }
    }
}

#[async_trait]
impl EventDelivery for EventWebhook {
    async fn deliver(&self, event: &DeliveredEvent) -> Result<(), DeliveryFailed> {
        let wire = HostEvent::new(event, chrono::Utc::now());
        let kind = serde_json::to_value(&wire.event)
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str().map(str::to_owned)))
            .unwrap_or_default();
        let body = serde_json::to_vec(&wire).map_err(|e| DeliveryFailed(e.to_string()))?;
        let headers = [
            ("x-chat-delivery", wire.id.to_string()),
            ("x-chat-event", kind),
            (
                "x-chat-signature",
                signature(self.config.secret.as_bytes(), &body),
            ),
        ];
        let answer = self
            .client
            .post_json(
                &self.config.url,
                &headers,
                Bytes::from(body),
                self.config.timeout,
            )
            .await
            .map_err(DeliveryFailed)?;
        if answer.status.is_success() {
            Ok(())
        } else {
            Err(DeliveryFailed(format!("answered {}", answer.status)))
        }
    }
}
