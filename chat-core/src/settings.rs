//! The chat's settings from the environment (or flags): the same `CHAT_*` variables
//! `chat-server` reads, so an embedding service is tuned, and tested, like the server.
//!
//! ```
//! let settings = chat_core::ChatSettings::from_env().unwrap();
//! let chat = chat_core::Chat::builder().settings(settings.app()).build();
//! # let _ = (chat, settings.edge());
//! ```

use std::net::IpAddr;
use std::time::Duration;

use chat_adapter_warp::EdgeConfig;

use crate::{ChallengeSettings, HostTokenSettings};
use chat_app::Settings;
use chat_domain::ports::RateLimit;
use clap::Args;

/// A duration as written in settings: `30s`, `15m`, `12h`, `7d`.
///
/// # Errors
/// What is wrong with `s`.
pub fn duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s).map_err(|e| format!("{e} (write e.g. 30s, 15m, 12h, 7d)"))
}

fn ip(s: &str) -> Result<IpAddr, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{s:?} is not an IP address"))
}

/// The policy and edge settings, each from a flag or its `CHAT_*` variable.
#[derive(Args, Clone, Debug)]
pub struct ChatSettings {
    /// How long a login session lasts (e.g. 7d, 12h).
    #[arg(long, env = "CHAT_TOKEN_TTL", default_value = "7d", value_parser = duration)]
    pub token_ttl: Duration,

    /// Messages one user may send per rate-limit window.
    #[arg(long, env = "CHAT_RATE_LIMIT_MAX", default_value_t = 120, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_limit_max: u32,

    /// The rate-limit window (e.g. 60s).
    #[arg(long, env = "CHAT_RATE_LIMIT_WINDOW", default_value = "60s", value_parser = duration)]
    pub rate_limit_window: Duration,

    /// How long after sending the sender may recall a message (e.g. 2m, 24h); a group's
    /// owner and admins may at any time.
    #[arg(long, env = "CHAT_RECALL_WINDOW", default_value = "2m", value_parser = duration)]
    pub recall_window: Duration,

    /// How soon a recalled or removed message's former text must be gone from the
    /// store's files and rows (e.g. 10m, 30s).
    #[arg(long, env = "CHAT_ERASE_WITHIN", default_value = "10m", value_parser = duration)]
    pub erase_within: Duration,

    /// Logins and sign-ups one client address may attempt per minute.
    #[arg(long, env = "CHAT_AUTH_RATE_LIMIT_MAX", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub auth_rate_limit_max: u32,

    /// Login attempts one username may get per minute, from every address together.
    #[arg(long, env = "CHAT_LOGIN_RATE_LIMIT_MAX", default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..))]
    pub login_rate_limit_max: u32,

    /// Typing notices one user may send per 10 s (each is relayed to every member).
    #[arg(long, env = "CHAT_TYPING_RATE_LIMIT_MAX", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub typing_rate_limit_max: u32,

    /// MiB one user may have uploaded in all; past it an upload gets 413.
    #[arg(long, env = "CHAT_UPLOAD_QUOTA_MB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..))]
    pub upload_quota_mb: u64,

    /// MiB of free disk under the file store kept for messages: below it uploads get 507.
    #[arg(long, env = "CHAT_MIN_FREE_DISK_MB", default_value_t = 512)]
    pub min_free_disk_mb: u64,

    /// Uploads one user may make per minute.
    #[arg(long, env = "CHAT_UPLOAD_RATE_LIMIT_MAX", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub upload_rate_limit_max: u32,

    /// Largest file upload, in MiB; bigger ones get 413.
    #[arg(long, env = "CHAT_UPLOAD_MAX_MB", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub upload_max_mb: u64,

    /// Uploads and downloads one user may run at once on a node; more get 429.
    #[arg(long, env = "CHAT_MAX_TRANSFERS_PER_USER", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_transfers_per_user: u32,

    /// Live WebSocket connections one user may hold.
    #[arg(long, env = "CHAT_MAX_CONNECTIONS_PER_USER", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections_per_user: u32,

    /// Origins allowed to open WebSockets, comma-separated (`*` for any). Empty: only
    /// pages served from this server's own host.
    #[arg(
        long,
        env = "CHAT_ALLOWED_ORIGINS",
        value_delimiter = ',',
        default_value = ""
    )]
    pub allowed_origins: Vec<String>,

    /// Reverse proxies whose X-Forwarded-For is trusted, comma-separated IPs.
    #[arg(long, env = "CHAT_TRUSTED_PROXIES", value_delimiter = ',', value_parser = ip)]
    pub trusted_proxies: Vec<IpAddr>,

    /// How often the server pings each WebSocket; a peer silent for two intervals is dropped.
    #[arg(long, env = "CHAT_PING_INTERVAL", default_value = "30s", value_parser = duration)]
    pub ping_interval: Duration,

    /// How long a client may take to send a request's headers, and a new WebSocket its
    /// auth frame, before the connection is closed (slow or silent clients hold nothing).
    #[arg(long, env = "CHAT_HEADER_READ_TIMEOUT", default_value = "10s", value_parser = duration)]
    pub header_read_timeout: Duration,

    /// How long a request body may take to arrive (e.g. 30s), beyond the time its
    /// length takes at CHAT_BODY_MIN_RATE_KB; a client that stalls is answered 400 and
    /// its connection closed.
    #[arg(long, env = "CHAT_BODY_READ_TIMEOUT", default_value = "30s", value_parser = duration)]
    pub body_read_timeout: Duration,

    /// The slowest rate, in KiB/s, a body (an upload, say) is waited for: a 10 MiB
    /// upload gets CHAT_BODY_READ_TIMEOUT plus 320 s at the default 32.
    #[arg(long, env = "CHAT_BODY_MIN_RATE_KB", default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..))]
    pub body_min_rate_kb: u64,

    /// Whether a WebSocket may be opened with its token in the URL (`/ws?token=`), which
    /// proxies and access logs record; `false` refuses it (the `Authorization` header and
    /// the auth frame always work).
    #[arg(long, env = "CHAT_ALLOW_QUERY_TOKEN", default_value_t = true, action = clap::ArgAction::Set)]
    pub allow_query_token: bool,

    /// Sign-up and login challenges.
    #[command(flatten)]
    pub challenges: ChallengeSettings,

    /// Tokens a host service issues for its users (JWTs).
    #[command(flatten)]
    pub host_tokens: HostTokenSettings,
}

impl ChatSettings {
    /// The settings the `CHAT_*` variables give, each unset one at its default.
    ///
    /// # Errors
    /// Which variable holds a value that is not valid, and why.
    pub fn from_env() -> Result<Self, String> {
        use clap::{Command, FromArgMatches};
        let cmd = Self::augment_args(Command::new("chat").no_binary_name(true));
        let matches = cmd
            .try_get_matches_from(std::iter::empty::<String>())
            .map_err(|e| e.to_string())?;
        let mut settings = Self::from_arg_matches(&matches).map_err(|e| e.to_string())?;
        settings.allowed_origins.retain(|o| !o.is_empty());
        Ok(settings)
    }

    /// The policy the use cases follow.
    pub fn app(&self) -> Settings {
        Settings {
            token_ttl: self.token_ttl,
            send_limit: RateLimit {
                max: self.rate_limit_max,
                window: self.rate_limit_window,
            },
            auth_limit: RateLimit {
                max: self.auth_rate_limit_max,
                window: Duration::from_secs(60),
            },
            login_limit: RateLimit {
                max: self.login_rate_limit_max,
                window: Duration::from_secs(60),
            },
            upload_limit: RateLimit {
                max: self.upload_rate_limit_max,
                window: Duration::from_secs(60),
            },
            upload_quota_bytes: self.upload_quota_mb.saturating_mul(1024 * 1024),
            min_free_disk_bytes: self.min_free_disk_mb.saturating_mul(1024 * 1024),
            typing_limit: RateLimit {
                max: self.typing_rate_limit_max,
                window: Duration::from_secs(10),
            },
            recall_window: self.recall_window,
            erase_within: self.erase_within,
            ..Settings::default()
        }
    }

    /// The settings of the HTTP + WebSocket edge.
    pub fn edge(&self) -> EdgeConfig {
        EdgeConfig {
            allowed_origins: self
                .allowed_origins
                .iter()
                .filter(|o| !o.is_empty())
                .cloned()
                .collect(),
            trusted_proxies: self.trusted_proxies.clone(),
            max_connections_per_user: self.max_connections_per_user,
            max_transfers_per_user: self.max_transfers_per_user,
            max_upload_bytes: self.upload_max_mb * 1024 * 1024,
            ping_interval: self.ping_interval,
            header_read_timeout: self.header_read_timeout,
            allow_query_token: self.allow_query_token,
            body_read_timeout: self.body_read_timeout,
            min_body_rate: self.body_min_rate_kb * 1024,
            ..EdgeConfig::default()
        }
    }
}
