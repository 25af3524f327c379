//! Outgoing calls, each POSTing signed JSON through one HTTPS client ([`Outgoing`]:
//! rustls with the system's roots, plus a CA of one's own): push notifications
//! ([`WebhookPush`]), and the receivers of events and of the before-send hook.
//!
//! Every call carries `X-Chat-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact body
//! under the receiver's shared secret ([`signature`]).

mod before_send;
mod client;
mod push;
mod signature;
#[cfg(feature = "testing")]
pub mod testing;

pub use before_send::{BeforeSendConfig, BeforeSendWebhook};
pub use client::{receiver_url, Answer, Outgoing};
pub use push::{WebhookConfig, WebhookPush, WebhookStats};
pub use signature::signature;
