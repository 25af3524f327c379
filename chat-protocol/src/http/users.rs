use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /api/v1/users`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RegisterRequest {
    /// 3-32 characters of `A-Z a-z 0-9 _ . -`.
    pub username: String,
    /// At least 8 characters.
    pub password: String,
    /// The name to show (the username by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The answer to a challenge (`GET /api/v1/challenge`), when the server asks for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<crate::objects::ChallengeAnswer>,
}

// By hand: the derived one would print the plaintext password into any log.
impl std::fmt::Debug for RegisterRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterRequest")
            .field("username", &self.username)
            .field("password", &"***")
            .field("display_name", &self.display_name)
            .field("challenge", &self.challenge)
            .finish()
    }
}
