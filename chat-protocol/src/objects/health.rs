use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `GET /healthz`: `{"status": "ok"}`, or what is degraded or failing, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// The node's state.
    pub status: HealthStatus,
    /// Parts in a reduced mode (the node still serves its own connections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degraded: Option<BTreeMap<String, String>>,
    /// Parts that failed their check (the node cannot serve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing: Option<BTreeMap<String, String>>,
}

/// A node's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum HealthStatus {
    /// Every part answered.
    Ok,
    /// Serving, with a part in a reduced mode (200).
    Degraded,
    /// Storage is down (503).
    Unavailable,
}
