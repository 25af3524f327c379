use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::objects::{Message, MessageKind};

/// `POST /api/v1/conversations/{id}/messages`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SendRequest {
    /// The sender's own id for the message (1-64 printable ASCII characters): a resend
    /// with the same id stores nothing new.
    pub client_msg_id: String,
    /// `text`, `image` or `file`.
    pub kind: MessageKind,
    /// The text (1-5000 characters), or an `AttachmentRequest` as JSON.
    pub body: String,
    /// A seq of the same conversation that this answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<u64>,
    /// Members to mention besides the `@username`s in the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Uuid>,
}

/// `POST /api/v1/conversations/{id}/read`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReadRequest {
    /// Read up to here (capped at the last seq; never moves back).
    pub seq: u64,
}

/// A page of messages: history ascending by seq, changes ascending by version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MessagePage {
    /// The messages.
    pub messages: Vec<Message>,
}

/// The query of a history page: messages with `after_seq < seq < before_seq`; with
/// `after_seq`, the first `limit` of them, otherwise the last `limit`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// Only messages before this seq (at least 1).
    pub before_seq: Option<u64>,
    /// Only messages after this seq (0: from the start).
    pub after_seq: Option<u64>,
    /// 1-100, 50 by default.
    pub limit: Option<u64>,
}
