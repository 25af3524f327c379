use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::objects::{ForwardRequest, Message, MessageKind};

/// `POST /api/v1/conversations/{id}/messages`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SendRequest {
    /// The sender's own id for the message (1-64 printable ASCII characters): a resend
    /// with the same id stores nothing new.
    pub client_msg_id: String,
    /// `text`, `image` or `file` (`text` when absent; a forward takes its source's).
    #[serde(default = "text")]
    pub kind: MessageKind,
    /// The text (1-5000 characters), or an `AttachmentRequest` as JSON; empty or absent
    /// for a forward.
    #[serde(default)]
    pub body: String,
    /// A seq of the same conversation that this answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<u64>,
    /// The root of the thread this replies in: a top-level message of the same
    /// conversation that is not recalled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_root: Option<u64>,
    /// A message to forward instead of a body: one the sender can read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward: Option<ForwardRequest>,
    /// Members to mention besides the `@username`s in the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Uuid>,
}

/// `POST /api/v1/conversations/{id}/pins`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PinRequest {
    /// The message to pin.
    pub seq: u64,
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
    /// `true`: only messages in no thread.
    pub top_level: Option<bool>,
}

fn text() -> MessageKind {
    MessageKind::Text
}

impl SendRequest {
    /// A text message with nothing else.
    pub fn text(client_msg_id: &str, body: &str) -> Self {
        Self {
            client_msg_id: client_msg_id.into(),
            kind: MessageKind::Text,
            body: body.into(),
            reply_to: None,
            thread_root: None,
            forward: None,
            mentions: Vec::new(),
        }
    }
}
