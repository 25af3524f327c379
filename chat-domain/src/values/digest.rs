use crate::DomainError;

/// A SHA-256 digest, as 64 lowercase hex digits: what names a file's bytes.
///
/// ```
/// use chat_domain::values::Sha256Digest;
/// let d = Sha256Digest::from_bytes([0xab; 32]);
/// assert_eq!(d.as_str(), "ab".repeat(32));
/// assert_eq!(Sha256Digest::parse(d.as_str()).unwrap(), d);
/// assert!(Sha256Digest::parse("AB").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sha256Digest(String);

impl Sha256Digest {
    /// The digest whose bytes are `bytes`.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(64);
        for b in bytes {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        Self(s)
    }

    /// Parses 64 lowercase hex digits.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for anything else.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
        if raw.len() == 64 && raw.bytes().all(hex) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(DomainError::invalid(
                "sha256",
                "must be 64 lowercase hex digits",
            ))
        }
    }

    /// The 64 hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sha256Digest {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Sha256Digest> for String {
    fn from(d: Sha256Digest) -> Self {
        d.0
    }
}
