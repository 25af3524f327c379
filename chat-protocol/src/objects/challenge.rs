use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How a challenge is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChallengeAlgorithm {
    /// Find `nonce`, a decimal string, such that `sha256(salt + nonce)` has at least
    /// `difficulty` leading zero bits; answer `{"id", "nonce"}`.
    Sha256,
    /// Show the provider's widget (`script_url`, `site_key`); answer `{"token"}` with the
    /// token it gives.
    Siteverify,
}

/// `GET /api/v1/challenge`: what to solve before a sign-up (or a login that asked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Challenge {
    /// Names the challenge (empty for `siteverify`).
    pub id: String,
    /// How to answer.
    pub algorithm: ChallengeAlgorithm,
    /// `sha256`: hashed before the nonce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// `sha256`: leading zero bits the hash needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    /// `sha256`: after this the answer is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// `siteverify`: the site's key at the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_key: Option<String>,
    /// `siteverify`: the provider's widget script.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script_url: Option<String>,
}

/// The `challenge` of a sign-up or login: `{"id", "nonce"}` for a proof of work,
/// `{"token"}` for a captcha.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChallengeAnswer {
    /// The challenge's id (proof of work).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The nonce found, 1-20 decimal digits (proof of work).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// The provider widget's token (siteverify).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}
