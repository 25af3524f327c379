use std::fmt;
use uuid::Uuid;

use crate::DomainError;

/// A bearer token as handed to a client: 64 hex characters carrying 244 random bits
/// (two v4 UUIDs). Only its [`TokenHash`] is ever stored.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    /// A fresh random token.
    pub fn generate() -> Self {
        let a = Uuid::new_v4().simple().to_string();
        let b = Uuid::new_v4().simple().to_string();
        Self(format!("{a}{b}"))
    }

    /// Parses a token presented by a client.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if it is empty, over 128 characters or not ASCII
    /// alphanumeric (so it can be hashed and compared without surprises).
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        if raw.is_empty() || raw.len() > 128 || !raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(DomainError::invalid("token", "malformed token"));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The secret, to hand to the client once.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(***)")
    }
}

/// The stored form of a session token (a hex SHA-256 digest computed by the app layer),
/// so a leaked session table cannot be replayed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TokenHash(String);

impl TokenHash {
    /// Wraps a digest in lowercase hex.
    pub fn from_hex(hex: impl Into<String>) -> Self {
        Self(hex.into())
    }
    /// The digest in hex.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_are_long_random_and_parse_back() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 64);
        assert_eq!(SessionToken::parse(a.expose()).unwrap(), a);
        assert!(SessionToken::parse("has space").is_err());
        assert!(SessionToken::parse("").is_err());
        assert_eq!(format!("{a:?}"), "SessionToken(***)");
    }
}
