use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// `POST /api/v1/sessions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// Without regard to case.
    pub username: String,
    /// The account's password.
    pub password: String,
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
