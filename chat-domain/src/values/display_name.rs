use crate::DomainError;

/// The name shown to others: 1 to 64 characters after trimming, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Most characters allowed.
    pub const MAX_CHARS: usize = 64;

    /// Parses a display name, trimming surrounding whitespace.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if it is empty after trimming, longer than 64 characters,
    /// or holds a control character.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        let chars = trimmed.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS {
            return Err(DomainError::invalid(
                "display_name",
                format!("must be 1-{} characters", Self::MAX_CHARS),
            ));
        }
        super::shown_text::check("display_name", trimmed)?;
        Ok(Self(trimmed.to_owned()))
    }

    /// Rebuilds a name read back from storage, where an earlier build, with fewer rules,
    /// may have written it: it is kept as it is rather than the record refused. Only
    /// length and control characters are checked, as then.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for a name no build would have stored.
    pub fn from_stored(stored: &str) -> Result<Self, DomainError> {
        let chars = stored.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS || stored.chars().any(char::is_control) {
            return Err(DomainError::invalid("display_name", "not a stored name"));
        }
        Ok(Self(stored.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}
