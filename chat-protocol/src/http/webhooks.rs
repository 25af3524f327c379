use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// `POST /api/v1/conversations/{id}/webhooks`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CreateWebhookRequest {
    /// What the group sees it as (1-64 characters, the rules of a display name).
    pub name: String,
}

/// A group's incoming webhook, as `GET …/webhooks` lists it (never with its token).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WebhookInfo {
    /// Names it in `DELETE …/webhooks/{id}`.
    pub id: Uuid,
    /// What the group sees it as.
    pub name: String,
    /// The bot user its messages come from.
    pub bot_id: Uuid,
    /// Who made it.
    pub created_by: Uuid,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A new webhook: POST to `url` (relative to this server) with no other credential.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WebhookCreatedBody {
    /// Names it in `DELETE …/webhooks/{id}`.
    pub id: Uuid,
    /// What the group sees it as.
    pub name: String,
    /// The secret in its URL, shown once.
    pub token: String,
    /// `/hooks/{token}`.
    pub url: String,
}

// By hand: a derived one would print the token into any log.
impl std::fmt::Debug for WebhookCreatedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookCreatedBody")
            .field("id", &self.id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// `POST /hooks/{token}`: a text message into the webhook's group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HookPost {
    /// The text (as a send's: trimmed, 1-5000 characters).
    pub body: String,
    /// Makes a retry safe: a second post with it answers the stored message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_msg_id: Option<String>,
}
