//! The claims a host token carries, and the checks made against the caller's clock.

use std::time::Duration;

use base64::Engine;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use chat_domain::ports::{HostClaims, HostTokenError, HostUser};
use chat_domain::values::HostIdentity;

/// What is read from a token's payload; the rest is ignored.
#[derive(Deserialize)]
pub(crate) struct Claims {
    sub: String,
    exp: f64,
    #[serde(default)]
    nbf: Option<f64>,
    #[serde(default)]
    iat: Option<f64>,
    #[serde(default)]
    iss: Option<String>,
    /// Read to refuse any audience when none is configured (jsonwebtoken checks the
    /// string and list forms only).
    #[serde(default)]
    aud: Option<serde_json::Value>,
    #[serde(default)]
    preferred_username: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

impl Claims {
    /// The claims, if `now` is within `nbf`..`exp` (`leeway` either side) and `sub` is a
    /// valid host user id.
    pub(crate) fn check(
        self,
        now: DateTime<Utc>,
        leeway: Duration,
        audience_configured: bool,
    ) -> Result<HostClaims, HostTokenError> {
        if self.aud.is_some() && !audience_configured {
            return Err(HostTokenError::Audience);
        }
        let time = |claim: &str, secs: f64| {
            // Whole microseconds, the finest time the stores keep.
            DateTime::from_timestamp_micros((secs * 1e6) as i64)
                .filter(|_| secs.is_finite())
                .ok_or_else(|| HostTokenError::Claims(format!("{claim} is not a time")))
        };
        let leeway = chrono::Duration::from_std(leeway).unwrap_or_default();
        let expires_at = time("exp", self.exp)?;
        let out_of_range = || HostTokenError::Claims("a time out of range".into());
        let last = expires_at
            .checked_add_signed(leeway)
            .ok_or_else(out_of_range)?;
        if now >= last {
            return Err(HostTokenError::Expired);
        }
        if let Some(nbf) = self.nbf {
            let earliest = time("nbf", nbf)?
                .checked_sub_signed(leeway)
                .ok_or_else(out_of_range)?;
            if now < earliest {
                return Err(HostTokenError::NotYetValid);
            }
        }
        let issued_at = self.iat.map(|iat| time("iat", iat)).transpose()?;
        let identity = HostIdentity::parse(self.iss.as_deref().unwrap_or(""), &self.sub)
            .map_err(|e| HostTokenError::Claims(e.to_string()))?;
        Ok(HostClaims {
            user: HostUser {
                identity,
                preferred_username: self.preferred_username,
                name: self.name,
            },
            expires_at,
            issued_at,
        })
    }
}

/// The `alg` a token's header names, read before anything is verified, so a token that
/// asks for another algorithm (or `none`) is refused by name.
pub(crate) fn header_algorithm(token: &str) -> Result<String, HostTokenError> {
    let malformed = |why: &str| HostTokenError::Malformed(why.into());
    let header = token.split('.').next().unwrap_or_default();
    if token.split('.').count() != 3 {
        return Err(malformed("a JWT has three dot-separated parts"));
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header.trim_end_matches('='))
        .map_err(|_| malformed("the header is not base64url"))?;
    let json: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|_| malformed("the header is not JSON"))?;
    json.get("alg")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| malformed("the header names no alg"))
}
