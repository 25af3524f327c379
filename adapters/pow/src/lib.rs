//! [`HumanCheck`] as a proof of work, with no network and no stored state: a challenge
//! is a random salt, a difficulty and an expiry, signed with HMAC-SHA256 under a secret
//! of the server's; the answer is a decimal nonce such that `sha256(salt + nonce)` has
//! `difficulty` leading zero bits. Checking one costs an HMAC and a SHA-256; that each
//! answer passes only once is the caller's claim ([`Verdict::Passed`] names it).
//!
//! ```
//! use chat_adapter_pow::{PowConfig, ProofOfWork};
//! let pow = ProofOfWork::new(PowConfig::new(18));
//! # let _ = pow;
//! ```

mod challenge_id;
mod work;

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use chat_domain::ports::{Challenge, HumanCheck, SingleUse, Verdict};
use chat_domain::values::ChallengeAnswer;
use chat_domain::RepoError;

pub use challenge_id::ChallengeId;
pub use work::{leading_zero_bits, solve};

/// How challenges are made.
#[derive(Clone)]
pub struct PowConfig {
    /// Leading zero bits an answer's hash needs: each one doubles the expected work
    /// (18 takes a browser a fraction of a second).
    pub difficulty: u8,
    /// How long a challenge may be answered.
    pub ttl: Duration,
    /// Signs challenges; nodes that share sign-ups share it.
    secret: [u8; 32],
}

impl PowConfig {
    /// Most difficulty accepted: 2^32 hashes is far beyond any sign-up.
    pub const MAX_DIFFICULTY: u8 = 32;

    /// Challenges of `difficulty` bits, 5 minutes to answer, signed with a secret
    /// drawn at random now (so only this process checks them: see
    /// [`PowConfig::with_secret`] for several nodes).
    pub fn new(difficulty: u8) -> Self {
        let mut secret = [0u8; 32];
        secret[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        secret[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        Self {
            difficulty: difficulty.min(Self::MAX_DIFFICULTY),
            ttl: Duration::from_secs(5 * 60),
            secret,
        }
    }

    /// The same, signed with a secret derived from `secret` (shared by every node, so a
    /// challenge one issues another checks).
    pub fn with_secret(mut self, secret: &str) -> Self {
        use sha2::Digest;
        self.secret = sha2::Sha256::digest(secret.as_bytes()).into();
        self
    }

    /// The same, with challenges answerable for `ttl`.
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }
}

impl std::fmt::Debug for PowConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PowConfig")
            .field("difficulty", &self.difficulty)
            .field("ttl", &self.ttl)
            .field("secret", &"***")
            .finish()
    }
}

/// The proof-of-work [`HumanCheck`].
#[derive(Debug)]
pub struct ProofOfWork {
    config: PowConfig,
}

impl ProofOfWork {
    /// Challenges as `config` says.
    pub fn new(config: PowConfig) -> Self {
        Self { config }
    }

    /// A fresh challenge's id, at `now`.
    pub fn issue_id(&self, now: DateTime<Utc>) -> ChallengeId {
        let ttl = chrono::Duration::from_std(self.config.ttl).unwrap_or(chrono::Duration::MAX);
        let expires_at = now
            .checked_add_signed(ttl)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        ChallengeId::issue(&self.config.secret, self.config.difficulty, expires_at)
    }

    /// Checks a nonce for a challenge id at `now`.
    pub fn check(&self, id: &str, nonce: &str, now: DateTime<Utc>) -> Verdict {
        let Some(challenge) = ChallengeId::parse(id, &self.config.secret) else {
            return Verdict::Failed("this challenge was not issued here".into());
        };
        if challenge.expires_at <= now {
            return Verdict::Failed("this challenge has expired: get a new one".into());
        }
        if challenge.difficulty < self.config.difficulty {
            return Verdict::Failed("this challenge is too easy now: get a new one".into());
        }
        if work::leading_zero_bits(&work::hash(&challenge.salt, nonce)) < challenge.difficulty {
            return Verdict::Failed("the nonce does not solve the challenge".into());
        }
        Verdict::Passed {
            once: Some(SingleUse {
                key: challenge.salt,
                until: challenge.expires_at,
            }),
        }
    }
}

#[async_trait]
impl HumanCheck for ProofOfWork {
    async fn issue(&self, now: DateTime<Utc>) -> Result<Challenge, RepoError> {
        let id = self.issue_id(now);
        Ok(Challenge::ProofOfWork {
            salt: id.salt.clone(),
            difficulty: id.difficulty,
            expires_at: id.expires_at,
            id: id.encoded,
        })
    }

    async fn verify(
        &self,
        answer: &ChallengeAnswer,
        _client_addr: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Verdict, RepoError> {
        Ok(match answer {
            ChallengeAnswer::Solution { id, nonce } => self.check(id, nonce, now),
            ChallengeAnswer::Token(_) => Verdict::Failed(
                "this server's challenges are proofs of work: answer {\"id\", \"nonce\"}".into(),
            ),
        })
    }
}

#[cfg(test)]
mod tests;
