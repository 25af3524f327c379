use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::values::ChallengeAnswer;
use crate::RepoError;

/// A challenge for a client to answer before the request it guards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Challenge {
    /// Find a nonce such that `sha256(salt + nonce)` has `difficulty` leading zero bits.
    ProofOfWork {
        /// Names the challenge (and carries what the server needs to check it).
        id: String,
        /// Hashed before the nonce.
        salt: String,
        /// Leading zero bits the hash needs.
        difficulty: u8,
        /// After this the answer is refused.
        expires_at: DateTime<Utc>,
    },
    /// Solve the provider's widget (hCaptcha, Turnstile, reCAPTCHA), whose token is the
    /// answer.
    Widget {
        /// The site's public key at the provider.
        site_key: String,
        /// The provider's widget script.
        script_url: String,
    },
}

/// An answer that passed may be used once: the caller claims `key` until `until`
/// (see [`crate::ports::ReplayGuard`]), and refuses the answer if it was claimed before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SingleUse {
    /// What names the answer (a challenge's id).
    pub key: String,
    /// When the answer would stop passing anyway, so the claim may be forgotten.
    pub until: DateTime<Utc>,
}

/// How an answer fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A person, as far as the check can tell; claim `once` before accepting, if given
    /// (a provider that enforces single use itself gives none).
    Passed {
        /// The claim that makes the answer single use.
        once: Option<SingleUse>,
    },
    /// Wrong, expired, forged, or of the other kind of challenge; the text says which.
    Failed(String),
}

/// "Is this a person": issues challenges and checks their answers. The use cases decide
/// when one is needed; an adapter decides how it is checked.
#[async_trait]
pub trait HumanCheck: Send + Sync {
    /// A fresh challenge, as of `now`. It costs the check no storage: anything needed to
    /// check the answer travels in the challenge itself, protected from forgery.
    ///
    /// # Errors
    /// `Unavailable` if the check cannot issue one now.
    async fn issue(&self, now: DateTime<Utc>) -> Result<Challenge, RepoError>;

    /// Checks `answer` at `now`; `client_addr` is passed on to a provider that wants it.
    ///
    /// # Errors
    /// `Unavailable` if the check could not decide (a provider that timed out or
    /// answered nonsense): the request is then refused, never let through.
    async fn verify(
        &self,
        answer: &ChallengeAnswer,
        client_addr: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Verdict, RepoError>;
}
