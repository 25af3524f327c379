//! An incoming webhook as the metadata log writes it (its token only as a hash).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::Webhook;
use chat_domain::ids::{ConversationId, UserId, WebhookId};
use chat_domain::values::{DisplayName, TokenHash};

#[derive(Serialize, Deserialize)]
pub(super) struct WebhookRecord {
    id: Uuid,
    conversation_id: Uuid,
    name: String,
    token_hash: String,
    bot_id: Uuid,
    created_by: Uuid,
    created_at: DateTime<Utc>,
}

impl From<&Webhook> for WebhookRecord {
    fn from(w: &Webhook) -> Self {
        Self {
            id: *w.id.as_uuid(),
            conversation_id: *w.conversation_id.as_uuid(),
            name: w.name.as_str().to_owned(),
            token_hash: w.token_hash.as_str().to_owned(),
            bot_id: *w.bot_id.as_uuid(),
            created_by: *w.created_by.as_uuid(),
            created_at: w.created_at,
        }
    }
}

impl TryFrom<WebhookRecord> for Webhook {
    type Error = String;
    fn try_from(r: WebhookRecord) -> Result<Self, String> {
        Ok(Webhook {
            id: WebhookId::from_uuid(r.id),
            conversation_id: ConversationId::from_uuid(r.conversation_id),
            name: DisplayName::from_stored(&r.name).map_err(|e| e.to_string())?,
            token_hash: TokenHash::from_hex(r.token_hash),
            bot_id: UserId::from_uuid(r.bot_id),
            created_by: UserId::from_uuid(r.created_by),
            created_at: r.created_at,
        })
    }
}
