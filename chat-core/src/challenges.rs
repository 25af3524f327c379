//! Sign-up and login challenges from the `CHAT_SIGNUP_CHALLENGE` family of variables:
//! off, a built-in proof of work, or a captcha provider's siteverify endpoint.

use std::sync::Arc;
use std::time::Duration;

use chat_adapter_pow::{PowConfig, ProofOfWork};
use chat_domain::ports::HumanCheck;
use clap::{Args, ValueEnum};

use crate::settings::duration;

/// Which check guards sign-ups (and logins after repeated failures).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ChallengeMode {
    /// No challenge (the default, as before).
    #[default]
    Off,
    /// A proof of work the browser solves: no third party, no network.
    Pow,
    /// A captcha provider (hCaptcha, Turnstile, reCAPTCHA) at `CHAT_CAPTCHA_VERIFY_URL`.
    Siteverify,
}

/// The challenge settings, each from a flag or its `CHAT_*` variable.
#[derive(Args, Clone, Debug)]
pub struct ChallengeSettings {
    /// Guards POST /api/v1/users with a challenge (`off`, `pow`, `siteverify`); when on,
    /// logins need one after 3 failures for a username or address in 15 minutes.
    #[arg(long, env = "CHAT_SIGNUP_CHALLENGE", value_enum, default_value = "off")]
    pub signup_challenge: ChallengeMode,

    /// Proof of work: leading zero bits a solution's SHA-256 needs (each doubles the
    /// work; 18 is well under a second in a browser).
    #[arg(long, env = "CHAT_CHALLENGE_DIFFICULTY", default_value_t = 18, value_parser = clap::value_parser!(u8).range(1..=32))]
    pub challenge_difficulty: u8,

    /// Proof of work: how long a challenge may be answered.
    #[arg(long, env = "CHAT_CHALLENGE_TTL", default_value = "5m", value_parser = duration)]
    pub challenge_ttl: Duration,

    /// Proof of work: the secret challenges are signed with. Unset, each process draws
    /// its own, so set the same one on every node behind one address.
    #[arg(long, env = "CHAT_CHALLENGE_SECRET", hide_env_values = true)]
    pub challenge_secret: Option<String>,

    /// Siteverify: the provider's verify URL (e.g.
    /// https://challenges.cloudflare.com/turnstile/v0/siteverify).
    #[arg(long, env = "CHAT_CAPTCHA_VERIFY_URL")]
    pub captcha_verify_url: Option<String>,

    /// Siteverify: the site's secret at the provider.
    #[arg(long, env = "CHAT_CAPTCHA_SECRET", hide_env_values = true)]
    pub captcha_secret: Option<String>,

    /// Siteverify: the site's public key, for the widget.
    #[arg(long, env = "CHAT_CAPTCHA_SITE_KEY")]
    pub captcha_site_key: Option<String>,

    /// Siteverify: the provider's widget script (e.g.
    /// https://challenges.cloudflare.com/turnstile/v0/api.js); the web pages allow its
    /// origin, in this mode only.
    #[arg(long, env = "CHAT_CAPTCHA_SCRIPT_URL")]
    pub captcha_script_url: Option<String>,

    /// Siteverify: how long the provider may take to answer (then: 503, never a pass).
    #[arg(long, env = "CHAT_CAPTCHA_TIMEOUT", default_value = "5s", value_parser = duration)]
    pub captcha_timeout: Duration,
}

impl ChallengeSettings {
    /// The check these settings ask for; `None` when challenges are off.
    ///
    /// # Errors
    /// Which setting is missing or wrong for the mode.
    pub fn human_check(&self) -> Result<Option<Arc<dyn HumanCheck>>, String> {
        match self.signup_challenge {
            ChallengeMode::Off => Ok(None),
            ChallengeMode::Pow => {
                let mut config =
                    PowConfig::new(self.challenge_difficulty).with_ttl(self.challenge_ttl);
                if let Some(secret) = self.challenge_secret.as_deref().filter(|s| !s.is_empty()) {
                    if secret.len() < 16 {
                        return Err("CHAT_CHALLENGE_SECRET needs at least 16 characters".into());
                    }
                    config = config.with_secret(secret);
                }
                Ok(Some(Arc::new(ProofOfWork::new(config))))
            }
            ChallengeMode::Siteverify => self.siteverify().map(Some),
        }
    }

    #[cfg(feature = "siteverify")]
    fn siteverify(&self) -> Result<Arc<dyn HumanCheck>, String> {
        use chat_adapter_siteverify::{Siteverify, SiteverifyConfig};
        let need = |v: &Option<String>, name: &str| {
            v.clone()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| format!("CHAT_SIGNUP_CHALLENGE=siteverify needs {name}"))
        };
        let config = SiteverifyConfig::new(
            &need(&self.captcha_verify_url, "CHAT_CAPTCHA_VERIFY_URL")?,
            &need(&self.captcha_secret, "CHAT_CAPTCHA_SECRET")?,
            &need(&self.captcha_site_key, "CHAT_CAPTCHA_SITE_KEY")?,
            &need(&self.captcha_script_url, "CHAT_CAPTCHA_SCRIPT_URL")?,
        )?
        .with_timeout(self.captcha_timeout);
        Ok(Arc::new(Siteverify::new(config)))
    }

    #[cfg(not(feature = "siteverify"))]
    fn siteverify(&self) -> Result<Arc<dyn HumanCheck>, String> {
        Err("CHAT_SIGNUP_CHALLENGE=siteverify needs chat-core's `siteverify` feature".into())
    }

    /// Origins the web pages must allow scripts and frames from: the captcha widget's,
    /// in `siteverify` mode only.
    pub fn widget_origins(&self) -> Vec<String> {
        if self.signup_challenge != ChallengeMode::Siteverify {
            return Vec::new();
        }
        self.captcha_script_url
            .as_deref()
            .and_then(origin)
            .into_iter()
            .collect()
    }
}

/// `https://host[:port]` of a URL, if it is an https one.
fn origin(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let clean = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    clean.then(|| format!("https://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widget_origin_is_the_script_url_host_and_nothing_else() {
        assert_eq!(
            origin("https://js.hcaptcha.com/1/api.js?render=explicit"),
            Some("https://js.hcaptcha.com".into())
        );
        assert_eq!(origin("http://x.test/a.js"), None);
        assert_eq!(origin("https://a.test';script-src *"), None);
    }
}
