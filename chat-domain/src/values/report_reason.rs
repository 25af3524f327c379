use crate::DomainError;

/// Why a member reports a message: 1 to 500 characters after trimming; line breaks kept,
/// other control characters refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportReason(String);

impl ReportReason {
    /// Most characters allowed.
    pub const MAX_CHARS: usize = 500;

    /// Parses a reason, trimming surrounding whitespace.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if it is empty after trimming, over 500 characters, or
    /// holds a control character other than a line break.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let trimmed = raw.trim();
        let chars = trimmed.chars().count();
        if chars == 0 || chars > Self::MAX_CHARS {
            return Err(DomainError::invalid(
                "reason",
                format!("must be 1-{} characters", Self::MAX_CHARS),
            ));
        }
        if trimmed.chars().any(|c| c.is_control() && c != '\n') {
            return Err(DomainError::invalid("reason", "holds a control character"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The reason.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_1_to_500_characters_and_may_span_lines() {
        assert!(ReportReason::parse("spam").is_ok());
        assert!(ReportReason::parse("骚扰\n第二行").is_ok());
        assert!(ReportReason::parse(&"理".repeat(500)).is_ok());
        assert!(ReportReason::parse(&"x".repeat(501)).is_err());
        assert!(ReportReason::parse("  \n ").is_err());
        assert!(ReportReason::parse("a\u{0}b").is_err());
    }
}
