use chrono::{DateTime, Utc};

use crate::ids::UserId;
use crate::values::{DisplayName, HostIdentity, PasswordHash, Username};

/// What a user may do beyond chatting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UserRole {
    /// An ordinary account.
    User,
    /// May list, ban and unban users and read server stats.
    Admin,
}

/// A user account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Stable id.
    pub id: UserId,
    /// Unique login name (unique without regard to case).
    pub username: Username,
    /// Name shown to others.
    pub display_name: DisplayName,
    /// Argon2 hash of the password; `None` for an account that never logs in with one
    /// (a bot, or a user a host service vouches for).
    pub password_hash: Option<PasswordHash>,
    /// User or admin.
    pub role: UserRole,
    /// A banned user cannot log in or send.
    pub banned: bool,
    /// When the account was made.
    pub created_at: DateTime<Utc>,
    /// A bot: an account a program uses, made by an admin or for an incoming webhook.
    pub bot: bool,
    /// Who a host service says this user is, for a user its tokens made.
    pub host: Option<HostIdentity>,
}

impl User {
    /// Whether this user holds the admin role.
    pub fn is_admin(&self) -> bool {
        self.role == UserRole::Admin
    }
}
