//! Sessions as their owner sees them, and incoming webhooks, as wire objects.

use chat_app::{SessionView, WebhookCreated};
use chat_domain::entities as domain;

use crate::http::{SessionInfo, WebhookCreatedBody, WebhookInfo};

impl From<&SessionView> for SessionInfo {
    fn from(s: &SessionView) -> Self {
        Self {
            id: s.id.clone(),
            created_at: s.created_at,
            last_used_at: s.last_used_at,
            user_agent: s.user_agent.as_ref().map(|a| a.as_str().to_owned()),
            current: s.current,
        }
    }
}

impl From<&domain::Webhook> for WebhookInfo {
    fn from(w: &domain::Webhook) -> Self {
        Self {
            id: *w.id.as_uuid(),
            name: w.name.as_str().to_owned(),
            bot_id: *w.bot_id.as_uuid(),
            created_by: *w.created_by.as_uuid(),
            created_at: w.created_at,
        }
    }
}

impl From<&WebhookCreated> for WebhookCreatedBody {
    fn from(c: &WebhookCreated) -> Self {
        Self {
            id: *c.webhook.id.as_uuid(),
            name: c.webhook.name.as_str().to_owned(),
            token: c.token.expose().to_owned(),
            url: format!("/hooks/{}", c.token.expose()),
        }
    }
}
