//! SHA-256 digests: the stored form of session tokens, and the name of a file's bytes.

use sha2::{Digest, Sha256};

use chat_domain::values::{SessionToken, Sha256Digest, TokenHash};

/// The stored form of a token: SHA-256 in lowercase hex. A fast hash suffices: the token
/// carries 244 random bits, so there is nothing to brute-force.
pub(crate) fn hash_token(token: &SessionToken) -> TokenHash {
    TokenHash::from_hex(sha256(token.expose().as_bytes()).as_str())
}

/// A session's public name: 128 bits of a hash of its stored hash, so it can be shown
/// and sent back without revealing anything that finds the session in the store.
pub(crate) fn session_id(hash: &TokenHash) -> String {
    let digest = sha256(format!("session-id:{}", hash.as_str()).as_bytes());
    digest.as_str()[..32].to_owned()
}

/// The SHA-256 digest of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> Sha256Digest {
    Sha256Digest::from_bytes(Sha256::digest(bytes).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_to_known_sha256_hex() {
        let t = SessionToken::parse("abc").unwrap();
        assert_eq!(
            hash_token(&t).as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
