//! [`PasswordHasher`] with Argon2id (the OWASP-recommended parameters by default), run on
//! tokio's blocking pool so hashing never stalls the async workers.

use argon2::password_hash::{rand_core::OsRng, PasswordHash as Phc, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordHasher as _, PasswordVerifier as _, Version};
use async_trait::async_trait;
use std::sync::Arc;
use tokio::sync::Semaphore;

use chat_domain::ports::PasswordHasher;
use chat_domain::values::{Password, PasswordHash};
use chat_domain::RepoError;

/// Argon2id password hashing.
///
/// ```
/// use chat_adapter_argon2::Argon2Hasher;
/// use chat_domain::ports::PasswordHasher;
/// use chat_domain::values::Password;
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let h = Argon2Hasher::fast_for_tests();
/// let pw = Password::parse("correct horse").unwrap();
/// let hash = h.hash(&pw).await.unwrap();
/// assert!(h.verify(&pw, &hash).await.unwrap());
/// # });
/// ```
#[derive(Clone)]
pub struct Argon2Hasher {
    params: Params,
    /// Hashes running at once. Each takes its memory cost (19 MiB) and a core for its
    /// whole run: unbounded, a burst of logins would take hundreds of blocking threads and
    /// gigabytes, and finish no sooner.
    running: Arc<Semaphore>,
}

fn cores() -> Arc<Semaphore> {
    let n = std::thread::available_parallelism().map_or(2, |n| n.get());
    Arc::new(Semaphore::new(n))
}

impl Default for Argon2Hasher {
    /// Argon2id, 19 MiB, 2 passes, 1 lane: the OWASP minimum for Argon2id; as many hashes
    /// at once as there are cores.
    fn default() -> Self {
        Self {
            params: Params::default(),
            running: cores(),
        }
    }
}

impl Argon2Hasher {
    /// Cheap parameters (8 MiB, 1 pass) for test suites that register many users. Hashes
    /// made with any parameters verify with any hasher: the PHC string carries them.
    pub fn fast_for_tests() -> Self {
        Self {
            params: Params::new(8 * 1024, 1, 1, None).expect("valid argon2 params"),
            running: cores(),
        }
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }
}

fn unavailable(e: impl std::fmt::Display) -> RepoError {
    RepoError::Unavailable(format!("password hashing failed: {e}"))
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, RepoError> {
        let _turn = self.running.acquire().await.map_err(unavailable)?;
        let argon2 = self.argon2();
        let secret = password.expose().to_owned();
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2
                .hash_password(secret.as_bytes(), &salt)
                .map(|h| PasswordHash::new(h.to_string()))
                .map_err(unavailable)
        })
        .await
        .map_err(unavailable)?
    }

    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, RepoError> {
        let _turn = self.running.acquire().await.map_err(unavailable)?;
        let argon2 = self.argon2();
        let secret = password.expose().to_owned();
        let phc = hash.as_str().to_owned();
        tokio::task::spawn_blocking(move || match Phc::new(&phc) {
            Ok(parsed) => argon2.verify_password(secret.as_bytes(), &parsed).is_ok(),
            Err(_) => false,
        })
        .await
        .map_err(unavailable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn verifies_the_right_password_only() {
        let h = Argon2Hasher::fast_for_tests();
        let pw = Password::parse("hunter2hunter2").unwrap();
        let hash = h.hash(&pw).await.unwrap();
        assert!(hash.as_str().starts_with("$argon2id$"));
        assert!(h.verify(&pw, &hash).await.unwrap());
        let wrong = Password::parse("hunter3hunter3").unwrap();
        assert!(!h.verify(&wrong, &hash).await.unwrap());
        assert!(!h.verify(&pw, &PasswordHash::new("garbage")).await.unwrap());
        let again = h.hash(&pw).await.unwrap();
        assert_ne!(hash, again, "fresh salt each time");
        assert!(Argon2Hasher::default().verify(&pw, &hash).await.unwrap());
    }
}
