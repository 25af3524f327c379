use async_trait::async_trait;

use crate::values::{Password, PasswordHash};
use crate::RepoError;

/// Hashes and checks passwords (Argon2id in the reference adapter). Async because a
/// proper hash takes tens of milliseconds of CPU, which must not stall other tasks.
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// Hashes a password with a fresh random salt.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the hashing work could not run.
    async fn hash(&self, password: &Password) -> Result<PasswordHash, RepoError>;

    /// Whether `password` matches `hash`. A malformed hash never matches.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the hashing work could not run.
    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, RepoError>;
}
