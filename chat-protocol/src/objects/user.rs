use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// USER: an account as everyone sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct User {
    /// Stable id.
    pub id: Uuid,
    /// 3-32 characters of `A-Z a-z 0-9 _ . -`, unique without regard to case.
    pub username: String,
    /// The name shown.
    pub display_name: String,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// An account a program uses (made by an admin, or for an incoming webhook).
    /// Absent from servers before bots: read as `false`.
    #[serde(default)]
    pub bot: bool,
}

/// USER with the fields only its owner and admins see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FullUser {
    /// The account.
    #[serde(flatten)]
    pub user: User,
    /// What it may do.
    pub role: UserRole,
    /// Banned accounts cannot sign in.
    pub banned: bool,
}

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum UserRole {
    /// Chats.
    User,
    /// Chats, and runs the admin calls.
    Admin,
}
