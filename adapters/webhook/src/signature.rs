//! The signature every outgoing call carries: receivers check that it came from this
//! server and was not altered.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// `sha256=<hex>` of the HMAC-SHA256 of `body` under `secret`: what receivers compare.
pub fn signature(secret: &[u8], body: &[u8]) -> String {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}
