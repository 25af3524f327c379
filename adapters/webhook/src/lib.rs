//! Outgoing calls, each POSTing signed JSON through one HTTPS client ([`Outgoing`]:
//! rustls with the system's roots, plus a CA of one's own): push notifications
//! ([`WebhookPush`]), events ([`EventWebhook`]) and the before-send hook
//! ([`BeforeSendWebhook`]).
//!
//! Every call carries `X-Chat-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact body
//! under the receiver's shared secret ([`signature`]).

mod before_send;
mod client;
mod events;
mod push;
mod signature;
#[cfg(feature = "testing")]
pub mod testing;

pub use before_send::{BeforeSendConfig, BeforeSendWebhook};
pub use client::{receiver_url, Answer, Outgoing};
pub use events::{EventWebhook, EventsConfig};
pub use push::{WebhookConfig, WebhookPush, WebhookStats};
pub use signature::signature;
