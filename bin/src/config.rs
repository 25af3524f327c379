use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

/// Where the server keeps its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Store {
    /// Plain text files under the data directory: no database to run.
    Txt,
    /// MySQL or MariaDB at `--mysql-url`: for several server processes sharing one
    /// database.
    Mysql,
    /// In memory: nothing survives a restart. For trying things out and for tests.
    Memory,
}

fn duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s).map_err(|e| format!("{e} (write e.g. 30s, 15m, 12h, 7d)"))
}

fn ip(s: &str) -> Result<IpAddr, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("{s:?} is not an IP address"))
}

/// Server configuration, from flags or `CHAT_*` environment variables.
#[derive(Args, Clone, Debug)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "CHAT_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Directory for persistent stores.
    #[arg(long, env = "CHAT_DATA_DIR", default_value = "./storage")]
    pub data_dir: PathBuf,

    /// Storage backend.
    #[arg(long, env = "CHAT_STORE", value_enum, default_value = "txt")]
    pub store: Store,

    /// Where messages go, when not with the rest: `txt` with `--store mysql` keeps
    /// message files under the data directory and everything else in MySQL (the seed's
    /// hybrid layout). Unset: messages live in `--store`.
    #[arg(long, env = "CHAT_MESSAGE_STORE", value_enum)]
    pub message_store: Option<Store>,

    /// When the TXT store forces appends to disk: `always` (before every ack, with group
    /// commit; nothing acked is ever lost), `batch-ms=N` (ack when written, sync every N ms:
    /// power loss may lose the last N ms of acked messages) or `never` (leave it to the OS:
    /// power loss may lose anything not yet written back). A process crash loses nothing in
    /// any mode.
    #[arg(long, env = "CHAT_TXT_FSYNC", default_value = "always")]
    pub fsync: chat_adapter_txt::FsyncMode,

    /// Size at which a TXT message file rolls over to a new part, in MiB.
    #[arg(long, env = "CHAT_TXT_MAX_FILE_MB", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub txt_max_file_mb: u64,

    /// Closed TXT message files dated more than this many days ago are gzipped beside
    /// themselves (history still reads them); 0 never archives.
    #[arg(long, env = "CHAT_TXT_ARCHIVE_DAYS", default_value_t = 7)]
    pub txt_archive_days: u32,

    /// The database for `--store mysql`: `mysql://user:password@host:3306/database`.
    #[arg(long, env = "CHAT_MYSQL_URL")]
    pub mysql_url: Option<String>,

    /// Most MySQL connections this process keeps open.
    #[arg(long, env = "CHAT_MYSQL_POOL_MAX", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub mysql_pool_max: u32,

    /// How long a request waits for a free MySQL connection before it fails with
    /// `unavailable` (e.g. 5s).
    #[arg(long, env = "CHAT_MYSQL_ACQUIRE_TIMEOUT", default_value = "5s", value_parser = duration)]
    pub mysql_acquire_timeout: Duration,

    /// Redis for several servers behind one load balancer: events cross between them,
    /// presence and rate limits are shared. Unset: this process alone.
    #[arg(long, env = "CHAT_REDIS_URL")]
    pub redis_url: Option<String>,

    /// Put before every Redis key and channel, so deployments can share one Redis.
    #[arg(long, env = "CHAT_REDIS_PREFIX", default_value = "chat:")]
    pub redis_prefix: String,

    /// Largest file upload, in MiB; bigger ones get 413.
    #[arg(long, env = "CHAT_UPLOAD_MAX_MB", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub upload_max_mb: u64,

    /// Where push notifications for offline members are POSTed (signed JSON; plain
    /// `http://`). Unset: they are only logged.
    #[arg(long, env = "CHAT_PUSH_WEBHOOK_URL")]
    pub push_webhook_url: Option<String>,

    /// The secret that signs each webhook body (HMAC-SHA256, `X-Chat-Signature`).
    #[arg(long, env = "CHAT_PUSH_WEBHOOK_SECRET", hide_env_values = true)]
    pub push_webhook_secret: Option<String>,

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

    /// Logins and sign-ups one client address may attempt per minute.
    #[arg(long, env = "CHAT_AUTH_RATE_LIMIT_MAX", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub auth_rate_limit_max: u32,

    /// Typing notices one user may send per 10 s (each is relayed to every member).
    #[arg(long, env = "CHAT_TYPING_RATE_LIMIT_MAX", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub typing_rate_limit_max: u32,

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
}

impl Config {
    /// The configuration with every default, listening on `addr`.
    pub fn with_addr(addr: SocketAddr) -> Self {
        use clap::{Command, FromArgMatches};
        let cmd = Config::augment_args(Command::new("chat-server"));
        let matches = cmd
            .try_get_matches_from(["chat-server"])
            .expect("defaults parse");
        let mut c = Config::from_arg_matches(&matches).expect("defaults are valid");
        c.addr = addr;
        c.allowed_origins.retain(|o| !o.is_empty());
        c
    }
}
