use chrono::{DateTime, Utc};

use crate::ids::{ConversationId, UserId, WebhookId};
use crate::values::{DisplayName, TokenHash};

/// An incoming webhook: a URL whose holder posts into one group, as the webhook's own
/// bot user, with no other credential. Found by the hash of its token; the token itself
/// is shown once and never stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Webhook {
    /// Stable id.
    pub id: WebhookId,
    /// The group it posts into.
    pub conversation_id: ConversationId,
    /// What the group sees it as (its bot's display name too).
    pub name: DisplayName,
    /// SHA-256 of its token.
    pub token_hash: TokenHash,
    /// The bot user its messages come from (a member of the group).
    pub bot_id: UserId,
    /// Who made it.
    pub created_by: UserId,
    /// When.
    pub created_at: DateTime<Utc>,
}
