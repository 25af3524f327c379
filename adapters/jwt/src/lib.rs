//! [`HostTokenVerifier`] for JSON Web Tokens a host service signs for its own users.
//!
//! One algorithm is accepted, the one the configured key is for: HS256 with a shared
//! secret, or RS256, ES256 (P-256) or EdDSA (Ed25519) with a PEM public key. A token
//! whose header names any other (`none` included, and HS256 signed with an RSA public key
//! as its secret) is refused before its signature is looked at. The signature and the
//! issuer and audience checks are jsonwebtoken's; `exp` and `nbf` are compared with the
//! caller's clock (within a leeway), so a test clock governs them as it does sessions.
//!
//! ```
//! use chat_adapter_jwt::{JwtConfig, JwtVerifier};
//! let verifier = JwtVerifier::new(&JwtConfig::hs256("a secret of 32 bytes or more, shared")).unwrap();
//! # let _ = verifier;
//! ```

mod claims;

use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

use chat_domain::ports::{HostClaims, HostTokenError, HostTokenVerifier};

use claims::Claims;

/// The key a host signs with, or verifies with.
#[derive(Clone)]
pub enum JwtKey {
    /// A secret shared with the host: HS256.
    Hs256(Vec<u8>),
    /// A public key in PEM (`-----BEGIN PUBLIC KEY-----`): RS256 for RSA, ES256 for a
    /// P-256 EC key, EdDSA for Ed25519.
    PublicKeyPem(Vec<u8>),
}

// By hand: a derived one would print the secret.
impl std::fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JwtKey::Hs256(_) => f.write_str("Hs256(***)"),
            JwtKey::PublicKeyPem(_) => f.write_str("PublicKeyPem(..)"),
        }
    }
}

/// What a token must be to pass.
#[derive(Clone, Debug)]
pub struct JwtConfig {
    /// The key (and with it the one algorithm accepted).
    pub key: JwtKey,
    /// When set, `iss` must be exactly this.
    pub issuer: Option<String>,
    /// When set, `aud` must name this; when unset, a token that names an audience is
    /// refused (it was meant for some other service).
    pub audience: Option<String>,
    /// Clock skew allowed on `exp` and `nbf`.
    pub leeway: Duration,
}

impl JwtConfig {
    /// HS256 with `secret`, no issuer or audience required, no leeway.
    pub fn hs256(secret: impl Into<Vec<u8>>) -> Self {
        Self {
            key: JwtKey::Hs256(secret.into()),
            issuer: None,
            audience: None,
            leeway: Duration::ZERO,
        }
    }

    /// RS256, ES256 or EdDSA with the PEM public key `pem`.
    pub fn public_key_pem(pem: impl Into<Vec<u8>>) -> Self {
        Self {
            key: JwtKey::PublicKeyPem(pem.into()),
            ..Self::hs256(Vec::new())
        }
    }
}

/// The verifier: a decoding key, its algorithm, and the claim rules.
pub struct JwtVerifier {
    key: DecodingKey,
    algorithm: Algorithm,
    validation: Validation,
    leeway: Duration,
    audience: bool,
}

impl JwtVerifier {
    /// A verifier for `config`.
    ///
    /// # Errors
    /// What is wrong with the key: an empty secret, a PEM that is no RSA, P-256 or
    /// Ed25519 public key.
    pub fn new(config: &JwtConfig) -> Result<Self, String> {
        let (key, algorithm) = match &config.key {
            // RFC 7518: an HMAC key at least as long as the hash.
            JwtKey::Hs256(secret) if secret.len() < 32 => {
                return Err("the HS256 secret needs at least 32 bytes".into())
            }
            JwtKey::Hs256(secret) => (DecodingKey::from_secret(secret), Algorithm::HS256),
            JwtKey::PublicKeyPem(pem) => public_key(pem)?,
        };
        let mut validation = Validation::new(algorithm);
        // Compared with the caller's clock in `verify`.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        // A configured issuer or audience is required too: jsonwebtoken checks only
        // the claims a token carries unless told they are required.
        let mut required = vec!["exp", "sub"];
        required.extend(config.issuer.as_ref().map(|_| "iss"));
        required.extend(config.audience.as_ref().map(|_| "aud"));
        validation.set_required_spec_claims(&required);
        if let Some(issuer) = &config.issuer {
            validation.set_issuer(&[issuer]);
        }
        match &config.audience {
            Some(audience) => validation.set_audience(&[audience]),
            // Left unset, jsonwebtoken refuses any token that names an audience.
            None => validation.aud = None,
        }
        Ok(Self {
            key,
            algorithm,
            validation,
            leeway: config.leeway,
            audience: config.audience.is_some(),
        })
    }

    /// The one algorithm this verifier accepts.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
}

/// The decoding key and algorithm of a PEM public key, whichever kind it is.
fn public_key(pem: &[u8]) -> Result<(DecodingKey, Algorithm), String> {
    // jsonwebtoken would read a private key's public half as well; a private key given
    // where a public one belongs is a mistake worth stopping at.
    let text = String::from_utf8_lossy(pem);
    if !text.contains("-----BEGIN PUBLIC KEY-----")
        && !text.contains("-----BEGIN RSA PUBLIC KEY-----")
    {
        return Err("give a PEM public key (-----BEGIN PUBLIC KEY-----), not a private key".into());
    }
    if let Ok(key) = DecodingKey::from_rsa_pem(pem) {
        return Ok((key, Algorithm::RS256));
    }
    if let Ok(key) = DecodingKey::from_ec_pem(pem) {
        return Ok((key, Algorithm::ES256));
    }
    if let Ok(key) = DecodingKey::from_ed_pem(pem) {
        return Ok((key, Algorithm::EdDSA));
    }
    Err("not a PEM public key of RSA, EC P-256 or Ed25519 (-----BEGIN PUBLIC KEY-----)".into())
}

impl HostTokenVerifier for JwtVerifier {
    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<HostClaims, HostTokenError> {
        let found = claims::header_algorithm(token)?;
        let accepted = format!("{:?}", self.algorithm);
        if found != accepted {
            return Err(HostTokenError::Algorithm { found, accepted });
        }
        let data = jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation)
            .map_err(|e| refusal(e.kind()))?;
        data.claims.check(now, self.leeway, self.audience)
    }
}

/// jsonwebtoken's refusal as ours.
fn refusal(kind: &ErrorKind) -> HostTokenError {
    match kind {
        ErrorKind::InvalidSignature => HostTokenError::Signature,
        ErrorKind::InvalidIssuer => HostTokenError::Issuer,
        ErrorKind::InvalidAudience => HostTokenError::Audience,
        ErrorKind::ExpiredSignature => HostTokenError::Expired,
        ErrorKind::ImmatureSignature => HostTokenError::NotYetValid,
        ErrorKind::MissingRequiredClaim(claim) if claim == "iss" => HostTokenError::Issuer,
        ErrorKind::MissingRequiredClaim(claim) if claim == "aud" => HostTokenError::Audience,
        ErrorKind::MissingRequiredClaim(claim) => {
            HostTokenError::Claims(format!("{claim} is missing"))
        }
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
            HostTokenError::Algorithm {
                found: "another".into(),
                accepted: "the configured one".into(),
            }
        }
        ErrorKind::Json(e) => HostTokenError::Claims(e.to_string()),
        other => HostTokenError::Malformed(format!("{other:?}")),
    }
}
