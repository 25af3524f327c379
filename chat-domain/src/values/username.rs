use std::fmt;

use crate::DomainError;

/// A login name: 3 to 32 characters of `A-Z a-z 0-9 _ . -`.
///
/// Usernames are unique without regard to case: [`Username::key`] is the form adapters
/// compare, while the original spelling is kept for display.
///
/// ```
/// use chat_domain::values::Username;
/// let name = Username::parse("Alice.B").unwrap();
/// assert_eq!(name.key(), "alice.b");
/// assert!(Username::parse("no spaces").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    /// Smallest length allowed.
    pub const MIN: usize = 3;
    /// Largest length allowed.
    pub const MAX: usize = 32;

    /// Parses a username.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if the length is outside 3..=32 or a character is not
    /// an ASCII letter, digit, `_`, `.` or `-`.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let len = raw.len();
        if !(Self::MIN..=Self::MAX).contains(&len) {
            return Err(DomainError::invalid(
                "username",
                format!("must be {}-{} characters", Self::MIN, Self::MAX),
            ));
        }
        if let Some(c) = raw
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
        {
            return Err(DomainError::invalid(
                "username",
                format!("character {c:?} is not allowed (use A-Z, a-z, 0-9, _ . -)"),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The username as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-folded form that uniqueness and lookups use.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Username {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Username> for String {
    fn from(value: Username) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_allowed_alphabet_and_lengths() {
        for ok in ["abc", "a_b.c-d", "ABCdef123", &"x".repeat(32)] {
            assert!(Username::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_bad_lengths_and_characters() {
        for bad in [
            "",
            "ab",
            &"x".repeat(33),
            "has space",
            "émile",
            "a/b",
            "tab\tx",
            "名字名字",
        ] {
            assert!(Username::parse(bad).is_err(), "{bad:?}");
        }
    }
}
