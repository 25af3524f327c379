use std::fmt;

use crate::DomainError;

/// A plaintext password on its way to the hasher: at least 8 characters, at most 1024.
///
/// It has no `Display`, no `Serialize`, and its `Debug` prints `Password(***)`, so it
/// cannot end up in a log or a response by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Fewest characters allowed.
    pub const MIN_CHARS: usize = 8;
    /// Most bytes allowed: a bound on the hashing work one request can ask for.
    pub const MAX_BYTES: usize = 1024;

    /// Parses a password.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if it has fewer than 8 characters or more than 1024 bytes.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        if raw.chars().count() < Self::MIN_CHARS {
            return Err(DomainError::invalid(
                "password",
                format!("must be at least {} characters", Self::MIN_CHARS),
            ));
        }
        if raw.len() > Self::MAX_BYTES {
            return Err(DomainError::invalid(
                "password",
                format!("must be at most {} bytes", Self::MAX_BYTES),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The secret itself, for the hasher only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A password hash in PHC string format (as produced by the `PasswordHasher` port).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a stored hash string.
    pub fn new(phc: impl Into<String>) -> Self {
        Self(phc.into())
    }
    /// The PHC string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rule_counts_characters() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse("密码密码密码密码").is_ok());
        assert!(Password::parse(&"x".repeat(1025)).is_err());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::parse("hunter2hunter2").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
        let h = PasswordHash::new("$argon2id$secret");
        assert!(!format!("{h:?}").contains("secret"));
    }
}
