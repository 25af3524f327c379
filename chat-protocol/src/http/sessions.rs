use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// `POST /api/v1/sessions`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// Without regard to case.
    pub username: String,
    /// The account's password.
    pub password: String,
    /// The answer to a challenge, after an error with `challenge_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<crate::objects::ChallengeAnswer>,
}

// By hand: the derived one would print the plaintext password into any log.
impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("username", &self.username)
            .field("password", &"***")
            .field("challenge", &self.challenge)
            .finish()
    }
}

/// The query of `DELETE /api/v1/sessions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EndSessionsQuery {
    /// Must be `true`: ends every session of the caller but the one it calls with.
    #[serde(default)]
    pub all_but_current: bool,
}

/// A login session: send `token` as `Authorization: Bearer <token>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Session {
    /// The bearer token, shown once.
    pub token: String,
    /// Whose.
    pub user_id: Uuid,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// One of the caller's sessions: `GET /api/v1/sessions` lists them, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionInfo {
    /// Names the session in `DELETE /api/v1/sessions/{id}` (never its token).
    pub id: String,
    /// When it began (a login, a bot's token).
    pub created_at: DateTime<Utc>,
    /// When it was last used, to the minute.
    pub last_used_at: DateTime<Utc>,
    /// The `User-Agent` it was opened with (at most 256 characters), if any.
    pub user_agent: Option<String>,
    /// Whether it is the session of this call.
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_a_password() {
        let login = LoginRequest {
            username: "ana".into(),
            password: "hunter2-secret".into(),
            challenge: None,
        };
        let register = crate::http::RegisterRequest {
            username: "ana".into(),
            password: "hunter2-secret".into(),
            display_name: None,
            challenge: None,
        };
        for shown in [format!("{login:?}"), format!("{register:?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
        }
    }
}
