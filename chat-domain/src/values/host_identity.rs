use crate::DomainError;

/// Who a host service says a user is: the issuer of its tokens (empty when its tokens
/// name none) and its own id for the user (a JWT's `iss` and `sub`). One pair maps to one
/// chat user for ever.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostIdentity {
    issuer: String,
    subject: String,
}

impl HostIdentity {
    /// Most characters of a subject.
    pub const MAX_SUBJECT_CHARS: usize = 128;
    /// Most characters of an issuer.
    pub const MAX_ISSUER_CHARS: usize = 255;

    /// Parses an issuer (`""` for none) and a subject.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if the subject is empty or longer than 128 characters,
    /// the issuer longer than 255, or either holds a control character.
    pub fn parse(issuer: &str, subject: &str) -> Result<Self, DomainError> {
        let subject_chars = subject.chars().count();
        if subject_chars == 0 || subject_chars > Self::MAX_SUBJECT_CHARS {
            return Err(DomainError::invalid(
                "sub",
                format!("must be 1-{} characters", Self::MAX_SUBJECT_CHARS),
            ));
        }
        if issuer.chars().count() > Self::MAX_ISSUER_CHARS {
            return Err(DomainError::invalid(
                "iss",
                format!("must be at most {} characters", Self::MAX_ISSUER_CHARS),
            ));
        }
        if subject.chars().chain(issuer.chars()).any(char::is_control) {
            return Err(DomainError::invalid("sub", "holds a control character"));
        }
        Ok(Self {
            issuer: issuer.to_owned(),
            subject: subject.to_owned(),
        })
    }

    /// The issuer; empty when the host's tokens name none.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The host's id for the user.
    pub fn subject(&self) -> &str {
        &self.subject
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_1_to_128_characters_without_control_characters() {
        assert!(HostIdentity::parse("", "42").is_ok());
        assert!(HostIdentity::parse("https://id.example", &"用".repeat(128)).is_ok());
        assert!(HostIdentity::parse("", "").is_err());
        assert!(HostIdentity::parse("", &"x".repeat(129)).is_err());
        assert!(HostIdentity::parse("", "a\nb").is_err());
        assert!(HostIdentity::parse("iss\0", "a").is_err());
        assert!(HostIdentity::parse(&"i".repeat(256), "a").is_err());
    }
}
