use crate::entities::MessageKind;
use crate::DomainError;

/// A message body that fits its kind.
///
/// Text and system bodies are trimmed and must hold 1 to 5000 characters. Image and file
/// bodies carry a small JSON document describing the attachment (at most 5000 characters,
/// not blank). No body holds a NUL character.
///
/// ```
/// use chat_domain::values::MessageBody;
/// use chat_domain::entities::MessageKind;
/// let body = MessageBody::parse(MessageKind::Text, "  你好 👋  ").unwrap();
/// assert_eq!(body.as_str(), "你好 👋");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    /// Most characters a body may hold.
    pub const MAX_CHARS: usize = 5000;

    /// Parses a body for a message of `kind`.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if it is blank; [`DomainError::TooLarge`] if it holds more
    /// than 5000 characters (after trimming, for text).
    pub fn parse(kind: MessageKind, raw: &str) -> Result<Self, DomainError> {
        let body = match kind {
            MessageKind::Text | MessageKind::System => raw.trim(),
            MessageKind::Image | MessageKind::File => raw,
        };
        if body.trim().is_empty() {
            return Err(DomainError::invalid("body", "must not be empty"));
        }
        // Count characters lazily: a 10 MB body stops at the 5001st.
        if body.chars().nth(Self::MAX_CHARS).is_some() {
            return Err(DomainError::TooLarge {
                field: "body",
                reason: format!("at most {} characters", Self::MAX_CHARS),
            });
        }
        // No text needs NUL, and SQL text columns (PostgreSQL's) cannot hold it.
        if body.contains('\0') {
            return Err(DomainError::invalid(
                "body",
                "must not contain NUL characters",
            ));
        }
        Ok(Self(body.to_owned()))
    }

    /// Rebuilds a body read back from trusted storage, without checks.
    pub fn from_stored(body: String) -> Self {
        Self(body)
    }

    /// The body text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert!(MessageBody::parse(MessageKind::Text, "").is_err());
        assert!(MessageBody::parse(MessageKind::Text, " \n\t ").is_err());
        let max = "字".repeat(5000);
        assert!(MessageBody::parse(MessageKind::Text, &format!("  {max}  ")).is_ok());
        let over = "字".repeat(5001);
        assert!(matches!(
            MessageBody::parse(MessageKind::Text, &over),
            Err(DomainError::TooLarge { .. })
        ));
    }

    #[test]
    fn nul_is_refused_in_every_kind() {
        assert!(MessageBody::parse(MessageKind::Text, "a\0b").is_err());
        assert!(MessageBody::parse(MessageKind::File, "{\"name\":\"a\0\"}").is_err());
        assert!(MessageBody::parse(MessageKind::Text, "a\\0b").is_ok());
    }
}
