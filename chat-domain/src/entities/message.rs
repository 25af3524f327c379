use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ConversationId, MessageId, UserId};
use crate::values::{ClientMsgId, MessageBody, Seq};
use crate::DomainError;

/// What a message carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageKind {
    /// Plain text.
    Text,
    /// An image attachment (the body describes the file).
    Image,
    /// A file attachment (the body describes the file).
    File,
    /// Written by the server (member joined, …).
    System,
}

impl MessageKind {
    /// Parses the wire name (`text`, `image`, `file`, `system`).
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for any other name.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        match raw {
            "text" => Ok(Self::Text),
            "image" => Ok(Self::Image),
            "file" => Ok(Self::File),
            "system" => Ok(Self::System),
            _ => Err(DomainError::invalid(
                "kind",
                "must be text, image, file or system",
            )),
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Image => "image",
            Self::File => "file",
            Self::System => "system",
        }
    }
}

/// A message to be appended: everything but its seq, which the log assigns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    /// Id the message will keep.
    pub id: MessageId,
    /// Where it goes.
    pub conversation_id: ConversationId,
    /// Who sent it.
    pub sender_id: UserId,
    /// Its kind.
    pub kind: MessageKind,
    /// Its body, already valid for the kind.
    pub body: MessageBody,
    /// The sender's idempotency key; `None` only for system messages.
    pub client_msg_id: Option<ClientMsgId>,
    /// The seq it answers, if any.
    pub reply_to: Option<Seq>,
    /// When the server accepted it.
    pub created_at: DateTime<Utc>,
}

impl NewMessage {
    /// The stored message this draft becomes at `seq`.
    pub fn at(self, seq: Seq) -> Message {
        Message {
            id: self.id,
            conversation_id: self.conversation_id,
            seq,
            sender_id: self.sender_id,
            kind: self.kind,
            body: self.body,
            client_msg_id: self.client_msg_id,
            reply_to: self.reply_to,
            created_at: self.created_at,
        }
    }
}

/// A stored message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Stable id.
    pub id: MessageId,
    /// Its conversation.
    pub conversation_id: ConversationId,
    /// Its position: 1, 2, 3, … per conversation, no gaps.
    pub seq: Seq,
    /// Who sent it.
    pub sender_id: UserId,
    /// Its kind.
    pub kind: MessageKind,
    /// Its body.
    pub body: MessageBody,
    /// The sender's idempotency key.
    pub client_msg_id: Option<ClientMsgId>,
    /// The seq it answers, if any.
    pub reply_to: Option<Seq>,
    /// When the server accepted it.
    pub created_at: DateTime<Utc>,
}
