use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// `POST /api/v1/conversations`: a direct conversation with one other user, or a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CreateConversation {
    /// One per pair: created once, then answered with the same conversation (200).
    Direct {
        /// The other user.
        peer_id: Uuid,
    },
    /// A group owned by the caller.
    Group {
        /// 1-100 characters.
        title: String,
        /// Members besides the caller.
        #[serde(default)]
        member_ids: Vec<Uuid>,
    },
}

/// `POST /api/v1/conversations/{id}/members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AddMemberRequest {
    /// Who joins.
    pub user_id: Uuid,
}
