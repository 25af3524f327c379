//! When a person must prove they are one: every sign-up (where the operator turned
//! challenges on), and a login once its username or address has failed often lately.

use std::time::Duration;

/// Failed logins, for one username or one address, after which logins need a challenge.
pub const LOGIN_FAILURES_BEFORE_CHALLENGE: u32 = 3;

/// The window failed logins are counted in (fixed windows aligned to the epoch, as every
/// rate limit here).
pub const LOGIN_FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Whether a login needs a challenge, given the failures counted in the current window
/// for its username and for its address (`None` when the address is unknown).
///
/// ```
/// use chat_domain::rules::login_needs_challenge;
/// assert!(!login_needs_challenge(2, Some(0)));
/// assert!(login_needs_challenge(3, None));
/// assert!(login_needs_challenge(0, Some(3)));
/// ```
pub fn login_needs_challenge(username_failures: u32, addr_failures: Option<u32>) -> bool {
    username_failures.max(addr_failures.unwrap_or(0)) >= LOGIN_FAILURES_BEFORE_CHALLENGE
}

/// The rate-limit key that counts failed logins for a username (case-folded, so
/// `Ana` and `ana` share it, whether or not the account exists).
pub fn login_failures_key(username: &str) -> String {
    format!("login-failed:{}", username.to_ascii_lowercase())
}

/// The rate-limit key that counts failed logins from one client address.
pub fn login_failures_from_key(addr: &str) -> String {
    format!("login-failed-from:{addr}")
}

/// The replay key of a solved challenge.
pub fn challenge_claim_key(id: &str) -> String {
    format!("challenge:{id}")
}
