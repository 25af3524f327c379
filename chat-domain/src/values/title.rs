use crate::DomainError;

/// A group title: 1 to 100 characters after trimming, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    /// Most characters allowed.
    pub const MAX_CHARS: usize = 100;

    /// Parses a title, trimming surrounding whitespace.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if it is empty after trimming, over 100 characters, or
    /// holds a control character.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        let chars = trimmed.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS {
            return Err(DomainError::invalid(
                "title",
                format!("must be 1-{} characters", Self::MAX_CHARS),
            ));
        }
        super::shown_text::check("title", trimmed)?;
        Ok(Self(trimmed.to_owned()))
    }

    /// Rebuilds a title read back from storage, where an earlier build, with fewer rules,
    /// may have written it: it is kept as it is rather than the record refused. Only
    /// length and control characters are checked, as then.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for a title no build would have stored.
    pub fn from_stored(stored: &str) -> Result<Self, DomainError> {
        let chars = stored.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS || stored.chars().any(char::is_control) {
            return Err(DomainError::invalid("title", "not a stored title"));
        }
        Ok(Self(stored.to_owned()))
    }

    /// The title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Title {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Title> for String {
    fn from(value: Title) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert!(Title::parse("  ").is_err());
        assert_eq!(Title::parse("  团队 🚀 ").unwrap().as_str(), "团队 🚀");
        assert!(Title::parse(&"标".repeat(100)).is_ok());
        assert!(Title::parse(&"标".repeat(101)).is_err());
    }
}
