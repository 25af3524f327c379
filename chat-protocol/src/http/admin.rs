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
