//! A challenge's id: `v1.<expires, ms since the epoch>.<difficulty>.<salt>.<mac>`, the
//! MAC (HMAC-SHA256 under the server's secret, the first 16 bytes in hex) over all
//! before it. Everything needed to check an answer is in it, and none can be forged.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const VERSION: &str = "v1";
/// Bytes of the MAC kept: 128 bits, beyond guessing.
const MAC_BYTES: usize = 16;

/// A challenge as its id carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChallengeId {
    /// The id as sent to the client.
    pub encoded: String,
    /// 32 hex digits, random.
    pub salt: String,
    /// Leading zero bits needed.
    pub difficulty: u8,
    /// When answers stop passing.
    pub expires_at: DateTime<Utc>,
}

impl ChallengeId {
    /// A new challenge with a random salt.
    pub(crate) fn issue(secret: &[u8; 32], difficulty: u8, expires_at: DateTime<Utc>) -> Self {
        // UUID v4 draws from the operating system's generator.
        let salt = uuid::Uuid::new_v4().simple().to_string();
        let expires_at =
            DateTime::from_timestamp_millis(expires_at.timestamp_millis()).unwrap_or(expires_at);
        let body = format!(
            "{VERSION}.{}.{difficulty}.{salt}",
            expires_at.timestamp_millis()
        );
        let tag = mac(secret, &body).finalize().into_bytes();
        let encoded = format!("{body}.{}", hex(&tag[..MAC_BYTES]));
        Self {
            encoded,
            salt,
            difficulty,
            expires_at,
        }
    }

    /// The challenge an id names, if this secret signed it.
    pub(crate) fn parse(encoded: &str, secret: &[u8; 32]) -> Option<Self> {
        let (body, tag) = encoded.rsplit_once('.')?;
        let tag = unhex(tag)?;
        if tag.len() != MAC_BYTES {
            return None;
        }
        // Constant time, so the MAC cannot be found byte by byte.
        mac(secret, body).verify_truncated_left(&tag).ok()?;
        let mut parts = body.split('.');
        let (Some(VERSION), Some(expires), Some(difficulty), Some(salt), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return None;
        };
        Some(Self {
            encoded: encoded.to_owned(),
            salt: salt.to_owned(),
            difficulty: difficulty.parse().ok()?,
            expires_at: DateTime::from_timestamp_millis(expires.parse().ok()?)?,
        })
    }
}

fn mac(secret: &[u8; 32], body: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(body.as_bytes());
    mac
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}
