use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// `PATCH /api/v1/conversations/{id}/messages/{seq}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EditRequest {
    /// The new text.
    pub body: String,
}

/// `POST /api/v1/conversations/{id}/messages/{seq}/reactions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReactRequest {
    /// One emoji.
    pub emoji: String,
    /// `true` adds, `false` takes back, absent toggles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<bool>,
}

/// `POST /api/v1/conversations/{id}/received`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReceivedRequest {
    /// This device has messages up to here.
    pub seq: u64,
}

/// The query of the change feed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// Messages changed after this version (0 by default: every changed message).
    #[serde(default)]
    pub after_version: u64,
    /// 1-100, 50 by default.
    pub limit: Option<u64>,
}
