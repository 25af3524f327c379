use crate::DomainError;

/// A reaction: one emoji (a short run of symbols: `👍`, `❤️`, `👨‍👩‍👧`), never words.
///
/// At most 32 bytes and 8 characters, with no letters, digits, spaces or control
/// characters, so a reaction cannot smuggle a message in.
///
/// ```
/// use chat_domain::values::Emoji;
/// assert!(Emoji::parse("👍").is_ok());
/// assert!(Emoji::parse("❤️").is_ok());
/// assert!(Emoji::parse("lol").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Emoji(String);

impl Emoji {
    /// Parses a reaction.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for anything that is not a short run of symbols.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let bad = |why: &str| DomainError::invalid("emoji", why.to_owned());
        if raw.is_empty() || raw.len() > 32 || raw.chars().count() > 8 {
            return Err(bad("must be one emoji"));
        }
        // Keycaps (1️⃣, #️⃣) are a digit or sign under U+20E3.
        let keycap = raw.contains('\u{20E3}');
        let wordy = |c: char| c.is_alphanumeric() && !(keycap && c.is_ascii_digit());
        if raw
            .chars()
            .any(|c| wordy(c) || c.is_whitespace() || c.is_control())
        {
            return Err(bad("must be an emoji, not text"));
        }
        Ok(Self(raw.to_owned()))
    }

    /// Rebuilds an emoji read back from trusted storage, without checks.
    pub fn from_stored(emoji: String) -> Self {
        Self(emoji)
    }

    /// The emoji.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_pass_and_words_do_not() {
        for ok in ["👍", "❤️", "👨‍👩‍👧", "🇨🇳", "1️⃣"] {
            assert!(Emoji::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "ok", "好", " 👍", "👍\n", &"👍".repeat(9), "1"] {
            assert!(Emoji::parse(bad).is_err(), "{bad:?}");
        }
    }
}
