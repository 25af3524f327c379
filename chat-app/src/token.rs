use sha2::{Digest, Sha256};

use chat_domain::values::{SessionToken, TokenHash};

/// The stored form of a token: SHA-256 in lowercase hex. A fast hash suffices: the token
/// carries 244 random bits, so there is nothing to brute-force.
pub(crate) fn hash_token(token: &SessionToken) -> TokenHash {
    let digest = Sha256::digest(token.expose().as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    TokenHash::from_hex(hex)
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
