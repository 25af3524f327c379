//! [`PasswordHasher`] with Argon2id (the OWASP-recommended parameters by default), run on
//! dedicated threads, one per core, so hashing never stalls the async workers and the
//! memory it takes stays bounded.

mod workers;

use argon2::password_hash::{
    rand_core::OsRng, Output, ParamsString, PasswordHash as Phc, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use async_trait::async_trait;
use std::sync::Arc;

use chat_domain::ports::PasswordHasher;
use chat_domain::values::{Password, PasswordHash};
use chat_domain::RepoError;

use workers::{blocks, Workers};

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
    /// One thread per core runs the hashes, each reusing its memory (19 MiB by default):
    /// a burst of logins queues rather than taking gigabytes, and finishes no later.
    workers: Arc<Workers>,
}

impl Default for Argon2Hasher {
    /// Argon2id, 19 MiB, 2 passes, 1 lane: the OWASP minimum for Argon2id.
    fn default() -> Self {
        Self {
            params: Params::default(),
            workers: Arc::default(),
        }
    }
}

impl Argon2Hasher {
    /// Cheap parameters (8 MiB, 1 pass) for test suites that register many users. Hashes
    /// made with any parameters verify with any hasher: the PHC string carries them.
    pub fn fast_for_tests() -> Self {
        Self {
            params: Params::new(8 * 1024, 1, 1, None).expect("valid argon2 params"),
            workers: Arc::default(),
        }
    }
}

fn unavailable(e: impl std::fmt::Display) -> RepoError {
    RepoError::Unavailable(format!("password hashing failed: {e}"))
}

fn no_worker() -> RepoError {
    unavailable("no hashing thread could run it")
}

/// A PHC string for `secret` under `params` with a fresh salt, computed in `memory`.
fn hash_with(
    params: &Params,
    secret: &[u8],
    memory: &mut Vec<argon2::Block>,
) -> argon2::password_hash::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_buf)?;
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let memory = blocks(memory, params.block_count());
    let output = Output::init_with(len, |out| {
        argon2
            .hash_password_into_with_memory(secret, salt_bytes, out, &mut *memory)
            .map_err(Into::into)
    })?;
    let phc = Phc {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params)?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Whether `secret` hashes to the PHC string `phc` under the parameters it names,
/// computed in `memory`. A malformed string never matches.
fn verify_with(phc: &str, secret: &[u8], memory: &mut Vec<argon2::Block>) -> bool {
    matches(phc, secret, memory).unwrap_or(false)
}

fn matches(
    phc: &str,
    secret: &[u8],
    memory: &mut Vec<argon2::Block>,
) -> argon2::password_hash::Result<bool> {
    let parsed = Phc::new(phc)?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Ok(false);
    };
    let algorithm = Algorithm::try_from(parsed.algorithm)?;
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()?
        .unwrap_or_default();
    let params = Params::try_from(&parsed)?;
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_buf)?;
    let memory = blocks(memory, params.block_count());
    let computed = Output::init_with(expected.len(), |out| {
        argon2
            .hash_password_into_with_memory(secret, salt_bytes, out, &mut *memory)
            .map_err(Into::into)
    })?;
    // `Output` compares in constant time.
    Ok(computed == expected)
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, RepoError> {
        let params = self.params.clone();
        let secret = password.expose().to_owned();
        self.workers
            .run(move |memory| hash_with(&params, secret.as_bytes(), memory))
            .await
            .ok_or_else(no_worker)?
            .map(PasswordHash::new)
            .map_err(unavailable)
    }

    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, RepoError> {
        let secret = password.expose().to_owned();
        let phc = hash.as_str().to_owned();
        self.workers
            .run(move |memory| verify_with(&phc, secret.as_bytes(), memory))
            .await
            .ok_or_else(no_worker)
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

    /// Hashes stored before the hashing threads (made by the argon2 crate's own
    /// `hash_password`) still verify, and new ones verify with the crate's own check.
    #[tokio::test]
    async fn hashes_are_interchangeable_with_the_argon2_crates_own() {
        use argon2::{PasswordHasher as _, PasswordVerifier as _};
        let pw = Password::parse("correct horse battery").unwrap();
        let params = Params::new(8 * 1024, 1, 1, None).unwrap();
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let salt = SaltString::generate(&mut OsRng);
        let old = theirs
            .hash_password(pw.expose().as_bytes(), &salt)
            .unwrap()
            .to_string();
        let h = Argon2Hasher::fast_for_tests();
        assert!(h
            .verify(&pw, &PasswordHash::new(old.clone()))
            .await
            .unwrap());
        let wrong = Password::parse("correct horse battery!").unwrap();
        assert!(!h.verify(&wrong, &PasswordHash::new(old)).await.unwrap());

        let ours = h.hash(&pw).await.unwrap();
        let parsed = Phc::new(ours.as_str()).unwrap();
        assert!(theirs
            .verify_password(pw.expose().as_bytes(), &parsed)
            .is_ok());
        assert_eq!(
            Params::try_from(&parsed).unwrap().m_cost(),
            8 * 1024,
            "the PHC string carries the parameters"
        );
    }

    /// Eight hashes at once on a hasher with fewer threads all finish, and a hash with a
    /// larger memory cost after a smaller one on the same thread is still right.
    #[tokio::test]
    async fn a_queue_of_hashes_with_mixed_costs_all_verify() {
        let fast = Argon2Hasher::fast_for_tests();
        let pw = Password::parse("hunter2hunter2").unwrap();
        let strong = Argon2Hasher::default().hash(&pw).await.unwrap();
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (fast, pw) = (fast.clone(), pw.clone());
                tokio::spawn(async move { fast.hash(&pw).await.unwrap() })
            })
            .collect();
        for t in tasks {
            let hash = t.await.unwrap();
            assert!(fast.verify(&pw, &hash).await.unwrap());
        }
        assert!(fast.verify(&pw, &strong).await.unwrap());
    }
}
