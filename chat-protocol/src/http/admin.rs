use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

/// The query of `GET /api/v1/admin/users`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdminUsersQuery {
    /// A username prefix.
    #[serde(default)]
    pub query: String,
    /// Only usernames after this one.
    pub after: Option<String>,
    /// 1-200, 50 by default.
    pub limit: Option<usize>,
}

/// `POST /api/v1/admin/bots`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CreateBotRequest {
    /// The bot's username: 3-32 characters of `A-Z a-z 0-9 _ . -`, unique.
    pub username: String,
    /// The name shown; the username when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// A bot's token: send it as `Authorization: Bearer <token>`. It lasts until revoked.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BotToken {
    /// Shown once.
    pub token: String,
}

/// A new bot and its first token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BotCreated {
    /// The bot (`"bot": true`).
    pub user: crate::objects::User,
    /// Shown once.
    pub token: String,
}

// By hand: the derived ones would print the token into any log.
impl std::fmt::Debug for BotToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BotToken(***)")
    }
}

impl std::fmt::Debug for BotCreated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotCreated")
            .field("user", &self.user)
            .field("token", &"***")
            .finish()
    }
}
