//! Host-issued tokens from the `CHAT_JWT_*` variables: a JWT a host service signs for
//! one of its users is accepted wherever a session token is.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chat_adapter_jwt::{JwtConfig, JwtKey, JwtVerifier};
use chat_domain::ports::HostTokenVerifier;
use clap::Args;

use crate::settings::duration;

/// The host-token settings, each from a flag or its `CHAT_*` variable. Neither key set:
/// host tokens are refused.
#[derive(Args, Clone, Debug, Default)]
pub struct HostTokenSettings {
    /// A secret shared with the host: JWTs signed with it (HS256 only) are accepted.
    #[arg(long, env = "CHAT_JWT_HS256_SECRET", hide_env_values = true)]
    pub jwt_hs256_secret: Option<String>,

    /// A PEM public key (RSA, EC P-256 or Ed25519): JWTs signed with its private key
    /// (RS256, ES256 or EdDSA, by the key) are accepted.
    #[arg(long, env = "CHAT_JWT_PUBLIC_KEY_FILE")]
    pub jwt_public_key_file: Option<PathBuf>,

    /// When set, a JWT's `iss` must be exactly this.
    #[arg(long, env = "CHAT_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,

    /// When set, a JWT's `aud` must name this; unset, a JWT naming any audience is
    /// refused.
    #[arg(long, env = "CHAT_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,

    /// Clock skew allowed on a JWT's `exp` and `nbf` (e.g. 30s).
    #[arg(long, env = "CHAT_JWT_LEEWAY", default_value = "0s", value_parser = duration)]
    pub jwt_leeway: Duration,
}

impl HostTokenSettings {
    /// The verifier these settings ask for; `None` when no key is set.
    ///
    /// # Errors
    /// Both keys set, an unreadable key file, or a key that is no key.
    pub fn verifier(&self) -> Result<Option<Arc<dyn HostTokenVerifier>>, String> {
        let secret = self.jwt_hs256_secret.as_deref().filter(|s| !s.is_empty());
        let key = match (secret, &self.jwt_public_key_file) {
            (None, None) => return Ok(None),
            (Some(_), Some(_)) => {
                return Err(
                    "set CHAT_JWT_HS256_SECRET or CHAT_JWT_PUBLIC_KEY_FILE, not both".into(),
                )
            }
            (Some(secret), None) => JwtKey::Hs256(secret.as_bytes().to_vec()),
            (None, Some(path)) => JwtKey::PublicKeyPem(
                std::fs::read(path)
                    .map_err(|e| format!("CHAT_JWT_PUBLIC_KEY_FILE {}: {e}", path.display()))?,
            ),
        };
        let config = JwtConfig {
            key,
            issuer: self.jwt_issuer.clone().filter(|s| !s.is_empty()),
            audience: self.jwt_audience.clone().filter(|s| !s.is_empty()),
            leeway: self.jwt_leeway,
        };
        let verifier = JwtVerifier::new(&config).map_err(|e| format!("CHAT_JWT_*: {e}"))?;
        Ok(Some(Arc::new(verifier)))
    }
}
