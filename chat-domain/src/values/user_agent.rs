/// What a client said it is (its `User-Agent`), as a session keeps it to show its owner:
/// at most 256 characters, control characters dropped. Never refused: it only labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserAgent(String);

impl UserAgent {
    /// Most characters kept.
    pub const MAX_CHARS: usize = 256;

    /// The label a header gives; `None` when nothing printable is left.
    pub fn from_header(raw: &str) -> Option<Self> {
        let kept: String = raw
            .chars()
            .filter(|c| !c.is_control())
            .take(Self::MAX_CHARS)
            .collect();
        let kept = kept.trim();
        (!kept.is_empty()).then(|| Self(kept.to_owned()))
    }

    /// The label.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_and_long_labels_cut() {
        let ua = UserAgent::from_header("Mozilla/5.0\r\nX-Evil: 1").unwrap();
        assert_eq!(ua.as_str(), "Mozilla/5.0X-Evil: 1");
        assert_eq!(
            UserAgent::from_header(&"界".repeat(300))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            256
        );
        assert_eq!(UserAgent::from_header(" \t "), None);
    }
}
