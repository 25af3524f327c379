use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::objects::Message;

/// The query of `GET /api/v1/search`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// 1-100 characters, any script, without regard to case.
    pub q: String,
    /// Only this conversation (403 if not a member).
    pub conversation_id: Option<String>,
    /// The `next` of the previous page.
    pub before: Option<String>,
    /// 1-100, 20 by default.
    pub limit: Option<u64>,
}

/// Search hits, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SearchResults {
    /// Live text messages containing the query.
    pub messages: Vec<Message>,
    /// Pass as `before` for the next page; `null` when there is no more.
    #[schema(required = true)]
    pub next: Option<String>,
    /// Whether a scanning store stopped at its budget.
    pub partial: bool,
}
