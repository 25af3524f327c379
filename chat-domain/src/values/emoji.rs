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
        // Of the format characters only the joiner of sequences (👨‍👩‍👧) and the tags of
        // a subdivision flag (🏴 + tags + cancel tag) belong in an emoji.
        use super::shown_text::{formats_in_place, is_format, is_mark};
        if raw.contains('\u{200C}')
            || !formats_in_place(raw)
            || !raw.chars().any(|c| !is_format(c) && !is_mark(c))
        {
            return Err(bad(
                "must be an emoji, without invisible formatting characters",
            ));
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
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        for ok in ["👍", "❤️", "👨‍👩‍👧", "🇨🇳", "1️⃣", england] {
            assert!(Emoji::parse(ok).is_ok(), "{ok}");
        }
        let tagged = "👍\u{E0041}";
        for bad in [
            "",
            "ok",
            "好",
            " 👍",
            "👍\n",
            &"👍".repeat(9),
            "1",
            "👍\u{202E}",
            "\u{200B}👍",
            "\u{FEFF}",
            "\u{200D}",
            "\u{FE0F}",
            tagged,
        ] {
            assert!(Emoji::parse(bad).is_err(), "{bad:?}");
        }
    }
}
