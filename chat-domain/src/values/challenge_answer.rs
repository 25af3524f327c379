use crate::DomainError;

/// A client's answer to a "is this a person" challenge, as it arrives with the request
/// it guards: a solved proof of work, or a token a captcha provider's widget gave.
///
/// ```
/// use chat_domain::values::ChallengeAnswer;
/// assert!(ChallengeAnswer::solution("c1", "12345").is_ok());
/// assert!(ChallengeAnswer::solution("c1", "12a").is_err());
/// assert!(ChallengeAnswer::token("").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChallengeAnswer {
    /// A proof of work: the challenge's id and the nonce found for it.
    Solution {
        /// The id the challenge was issued with.
        id: String,
        /// 1 to 20 decimal digits.
        nonce: String,
    },
    /// A captcha provider's response token.
    Token(String),
}

impl ChallengeAnswer {
    /// Longest challenge id accepted (issued ones are far shorter).
    pub const MAX_ID: usize = 256;
    /// Longest nonce: the digits of `u64::MAX`.
    pub const MAX_NONCE: usize = 20;
    /// Longest provider token accepted (the providers' are a few kilobytes at most).
    pub const MAX_TOKEN: usize = 8192;

    /// A proof-of-work answer.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for an empty or overlong id, or a nonce that is not 1 to
    /// 20 decimal digits.
    pub fn solution(id: &str, nonce: &str) -> Result<Self, DomainError> {
        if id.is_empty() || id.len() > Self::MAX_ID {
            return Err(DomainError::invalid(
                "challenge",
                format!("id must be 1-{} characters", Self::MAX_ID),
            ));
        }
        if nonce.is_empty()
            || nonce.len() > Self::MAX_NONCE
            || !nonce.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(DomainError::invalid(
                "challenge",
                format!("nonce must be 1-{} decimal digits", Self::MAX_NONCE),
            ));
        }
        Ok(Self::Solution {
            id: id.to_owned(),
            nonce: nonce.to_owned(),
        })
    }

    /// A provider's token.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for an empty or overlong token.
    pub fn token(token: &str) -> Result<Self, DomainError> {
        if token.is_empty() || token.len() > Self::MAX_TOKEN {
            return Err(DomainError::invalid(
                "challenge",
                format!("token must be 1-{} characters", Self::MAX_TOKEN),
            ));
        }
        Ok(Self::Token(token.to_owned()))
    }
}
