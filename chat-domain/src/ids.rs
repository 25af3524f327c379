//! Identifiers: newtypes over UUIDs, so a user id can never be passed as a conversation id.

use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

use crate::DomainError;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh random (v4) id.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
            /// Wraps an existing UUID (read back from storage, say).
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }
            /// The UUID inside.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s)
                    .map(Self)
                    .map_err(|_| DomainError::invalid($field, "not a UUID"))
            }
        }
    };
}

uuid_id!(
    /// Identifies a user account.
    UserId,
    "user_id"
);
uuid_id!(
    /// Identifies a conversation (direct or group).
    ConversationId,
    "conversation_id"
);
uuid_id!(
    /// Identifies a stored message globally (its position is its [`crate::values::Seq`]).
    MessageId,
    "message_id"
);
uuid_id!(
    /// Identifies one live connection (one device's socket) of a user.
    ConnectionId,
    "connection_id"
);
uuid_id!(
    /// Identifies an uploaded file (one upload; equal bytes share storage, not ids).
    FileId,
    "file_id"
);
uuid_id!(
    /// Identifies an incoming webhook of a group.
    WebhookId,
    "webhook_id"
);
uuid_id!(
    /// Identifies an event sent to the host's event receiver (the same on every attempt,
    /// so a receiver drops repeats by it).
    EventId,
    "event_id"
);
uuid_id!(
    /// Identifies a report of a message to the admins.
    ReportId,
    "report_id"
);
