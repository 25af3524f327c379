//! [`HumanCheck`] by a captcha provider: the client shows the provider's widget, sends
//! the token it gives, and the server POSTs `secret`, `response` and `remoteip` as a form
//! to the provider's siteverify URL, passing the request on `"success": true`. It is the
//! contract hCaptcha, Cloudflare Turnstile and reCAPTCHA share. A provider that does not
//! answer in time, or answers nonsense, makes the check `Unavailable`: never a pass.
//!
//! ```
//! use chat_adapter_siteverify::{Siteverify, SiteverifyConfig};
//! let config = SiteverifyConfig::new(
//!     "https://challenges.cloudflare.com/turnstile/v0/siteverify",
//!     "the secret",
//!     "the site key",
//!     "https://challenges.cloudflare.com/turnstile/v0/api.js",
//! )
//! .unwrap();
//! let check = Siteverify::new(config);
//! # let _ = check;
//! ```

use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use http_body_util::{BodyExt, Full, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Deserialize;

use chat_domain::ports::{Challenge, HumanCheck, Verdict};
use chat_domain::values::ChallengeAnswer;
use chat_domain::RepoError;

/// Largest provider answer read (theirs are a few hundred bytes).
const MAX_ANSWER: usize = 64 * 1024;

/// Where and how to verify.
#[derive(Clone)]
pub struct SiteverifyConfig {
    verify_url: http::Uri,
    secret: String,
    /// The site's public key, for the widget.
    pub site_key: String,
    /// The provider's widget script, for the client.
    pub script_url: String,
    /// How long the provider may take to answer.
    pub timeout: Duration,
}

impl SiteverifyConfig {
    /// A provider's siteverify URL (`http` only for tests on this machine), the site's
    /// secret and public key, and the widget's script; 5 s to answer.
    ///
    /// # Errors
    /// What is wrong with the URL.
    pub fn new(
        verify_url: &str,
        secret: &str,
        site_key: &str,
        script_url: &str,
    ) -> Result<Self, String> {
        let uri: http::Uri = verify_url
            .parse()
            .map_err(|e| format!("the siteverify URL {verify_url:?}: {e}"))?;
        if !matches!(uri.scheme_str(), Some("https" | "http")) || uri.host().is_none() {
            return Err(format!(
                "the siteverify URL {verify_url:?} is not http(s)://host/…"
            ));
        }
        Ok(Self {
            verify_url: uri,
            secret: secret.to_owned(),
            site_key: site_key.to_owned(),
            script_url: script_url.to_owned(),
            timeout: Duration::from_secs(5),
        })
    }

    /// The same, waiting `timeout` for the provider.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

impl std::fmt::Debug for SiteverifyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteverifyConfig")
            .field("verify_url", &self.verify_url)
            .field("secret", &"***")
            .field("site_key", &self.site_key)
            .field("script_url", &self.script_url)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The provider's answer; other fields are ignored.
#[derive(Deserialize)]
struct Answer {
    success: bool,
    #[serde(default, rename = "error-codes")]
    error_codes: Vec<String>,
}

/// The siteverify [`HumanCheck`].
pub struct Siteverify {
    config: SiteverifyConfig,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl Siteverify {
    /// Verifies with the provider `config` names.
    pub fn new(config: SiteverifyConfig) -> Self {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(https);
        Self { config, client }
    }

    async fn ask(&self, token: &str, client_addr: Option<&str>) -> Result<Answer, String> {
        // Built in a block: the serializer is not `Send`, and must not live across awaits.
        let form = {
            let mut form = form_urlencoded::Serializer::new(String::new());
            form.append_pair("secret", &self.config.secret);
            form.append_pair("response", token);
            if let Some(addr) = client_addr {
                form.append_pair("remoteip", addr);
            }
            form.finish()
        };
        let request = http::Request::post(self.config.verify_url.clone())
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(Full::new(Bytes::from(form)))
            .map_err(|e| e.to_string())?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("answered {}", response.status()));
        }
        let body = Limited::new(response.into_body(), MAX_ANSWER)
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        serde_json::from_slice(&body).map_err(|e| format!("answered nonsense: {e}"))
    }
}

#[async_trait]
impl HumanCheck for Siteverify {
    async fn issue(&self, _now: DateTime<Utc>) -> Result<Challenge, RepoError> {
        Ok(Challenge::Widget {
            site_key: self.config.site_key.clone(),
            script_url: self.config.script_url.clone(),
        })
    }

    async fn verify(
        &self,
        answer: &ChallengeAnswer,
        client_addr: Option<&str>,
        _now: DateTime<Utc>,
    ) -> Result<Verdict, RepoError> {
        let ChallengeAnswer::Token(token) = answer else {
            return Ok(Verdict::Failed(
                "this server's challenges are captchas: answer {\"token\"}".into(),
            ));
        };
        let asked = tokio::time::timeout(self.config.timeout, self.ask(token, client_addr)).await;
        let why = match asked {
            Ok(Ok(answer)) if answer.success => return Ok(Verdict::Passed { once: None }),
            Ok(Ok(answer)) => {
                return Ok(Verdict::Failed(format!(
                    "the captcha was not solved ({})",
                    answer.error_codes.join(", ")
                )))
            }
            Ok(Err(why)) => why,
            Err(_) => format!("no answer within {:?}", self.config.timeout),
        };
        tracing::warn!(url = %self.config.verify_url, reason = why, "the captcha provider could not be asked");
        Err(RepoError::Unavailable(format!(
            "the captcha provider: {why}"
        )))
    }
}

#[cfg(test)]
mod tests;
