use std::fmt;

use crate::DomainError;

/// The sender's own id for a message, which makes a resend idempotent: 1 to 64 printable
/// ASCII characters (a UUID, a counter, …).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClientMsgId(String);

impl ClientMsgId {
    /// Most bytes allowed.
    pub const MAX: usize = 64;

    /// Parses a client message id.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if empty, over 64 bytes, or not printable ASCII.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        if raw.is_empty() || raw.len() > Self::MAX {
            return Err(DomainError::invalid(
                "client_msg_id",
                format!("must be 1-{} characters", Self::MAX),
            ));
        }
        if !raw.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(DomainError::invalid(
                "client_msg_id",
                "must be printable ASCII without spaces",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClientMsgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ClientMsgId {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ClientMsgId> for String {
    fn from(value: ClientMsgId) -> Self {
        value.0
    }
}
