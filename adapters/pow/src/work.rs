//! The work itself: the hash of salt and nonce, and its leading zero bits.

use sha2::{Digest, Sha256};

/// `sha256(salt + nonce)`, the bytes of both as written.
pub(crate) fn hash(salt: &str, nonce: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(nonce.as_bytes());
    h.finalize().into()
}

/// Leading zero bits of a hash, from the most significant bit of its first byte.
///
/// ```
/// assert_eq!(chat_adapter_pow::leading_zero_bits(&[0, 0x1f, 0xff]), 11);
/// ```
pub fn leading_zero_bits(hash: &[u8]) -> u8 {
    let mut bits = 0u8;
    for b in hash {
        if *b == 0 {
            bits = bits.saturating_add(8);
        } else {
            return bits.saturating_add(b.leading_zeros() as u8);
        }
    }
    bits
}

/// The smallest nonce that solves `salt` at `difficulty`, as a client finds it (for
/// tests and tools; clients bring their own).
pub fn solve(salt: &str, difficulty: u8) -> String {
    (0u64..)
        .map(|n| n.to_string())
        .find(|nonce| leading_zero_bits(&hash(salt, nonce)) >= difficulty)
        .expect("some nonce below 2^64 solves any difficulty up to 32")
}
