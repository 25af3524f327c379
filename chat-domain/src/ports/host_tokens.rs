use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::values::HostIdentity;

/// A host service's user as its token (or its own code, in process) names them: who they
/// are to the host, and what the host suggests for their profile on first sight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostUser {
    /// The host's issuer and id for the user.
    pub identity: HostIdentity,
    /// A username to take if it is valid and free (a JWT's `preferred_username`).
    pub preferred_username: Option<String>,
    /// A display name (a JWT's `name`).
    pub name: Option<String>,
}

/// A host token that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostClaims {
    /// Whose.
    pub user: HostUser,
    /// When it stops working (`exp`).
    pub expires_at: DateTime<Utc>,
    /// When it was issued (`iat`), if it says.
    pub issued_at: Option<DateTime<Utc>>,
}

/// Why a host token was refused. Each names what is wrong, for the 401's message.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum HostTokenError {
    /// Not a token of the expected form (three base64url parts of JSON).
    #[error("malformed token: {0}")]
    Malformed(String),
    /// Signed (or not signed, `alg: none`) with another algorithm than the one configured.
    #[error("token algorithm {found} is not accepted (this server takes {accepted})")]
    Algorithm {
        /// What the token's header names.
        found: String,
        /// The one algorithm the server verifies.
        accepted: String,
    },
    /// The signature does not verify under the configured key.
    #[error("token signature does not verify")]
    Signature,
    /// Past its `exp`.
    #[error("token expired")]
    Expired,
    /// Before its `nbf`.
    #[error("token not yet valid (nbf)")]
    NotYetValid,
    /// Its `iss` is not the configured issuer (or it names none when one is required).
    #[error("wrong token issuer")]
    Issuer,
    /// Its `aud` does not name the configured audience (or names one the server was not
    /// told to accept).
    #[error("wrong token audience")]
    Audience,
    /// A claim is missing or not valid (`sub`, `exp`).
    #[error("token claims: {0}")]
    Claims(String),
}

/// Verifies tokens a host service signs for its own users (JWTs), so a service that
/// embeds or fronts the chat can say "this is user 42" without a sign-up.
///
/// Verification is pure computation (no I/O), so the method is not async.
pub trait HostTokenVerifier: Send + Sync {
    /// The claims of `token` if its signature verifies, its algorithm is the configured
    /// one, `now` is within `nbf`..`exp`, and its issuer and audience are accepted.
    ///
    /// # Errors
    /// [`HostTokenError`] naming the first check that failed.
    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<HostClaims, HostTokenError>;
}
