use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use chat_core::{duration, ChatSettings};
use clap::{Args, ValueEnum};

/// Where the server keeps its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Store {
    /// Plain text files under the data directory: no database to run.
    Txt,
    /// MySQL or MariaDB at `--mysql-url`: for several server processes sharing one
    /// database.
    Mysql,
    /// PostgreSQL at `--postgres-url`: for several server processes sharing one
    /// database.
    Postgres,
    /// In memory: nothing survives a restart. For trying things out and for tests.
    Memory,
}

/// What a send becomes when the before-send hook gives no usable answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HookFailure {
    /// Store nothing; answer `unavailable`.
    Reject,
    /// Store it as sent.
    Accept,
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

    /// Where messages go, when not with the rest: `txt` with `--store mysql` (or
    /// `postgres`) keeps message files under the data directory and everything else in
    /// the database (the seed's hybrid layout). Unset: messages live in `--store`.
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

    /// The database for `--store postgres`: `postgres://user:password@host:5432/database`
    /// (`?options=-c%20search_path%3Dchat` to keep the tables in schema `chat`).
    #[arg(long, env = "CHAT_POSTGRES_URL", hide_env_values = true)]
    pub postgres_url: Option<String>,

    /// Most PostgreSQL connections this process keeps open.
    #[arg(long, env = "CHAT_POSTGRES_POOL_MAX", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub postgres_pool_max: u32,

    /// How long a request waits for a free PostgreSQL connection (or a new one to open)
    /// before it fails with `unavailable` (e.g. 5s).
    #[arg(long, env = "CHAT_POSTGRES_ACQUIRE_TIMEOUT", default_value = "5s", value_parser = duration)]
    pub postgres_acquire_timeout: Duration,

    /// Redis for several servers behind one load balancer: events cross between them,
    /// presence and rate limits are shared. Unset: this process alone.
    #[arg(long, env = "CHAT_REDIS_URL")]
    pub redis_url: Option<String>,

    /// Put before every Redis key and channel, so deployments can share one Redis.
    #[arg(long, env = "CHAT_REDIS_PREFIX", default_value = "chat:")]
    pub redis_prefix: String,

    /// Where push notifications for offline members are POSTed (signed JSON; `https://`
    /// or `http://`). Unset: they are only logged.
    #[arg(long, env = "CHAT_PUSH_WEBHOOK_URL")]
    pub push_webhook_url: Option<String>,

    /// The secret that signs each webhook body (HMAC-SHA256, `X-Chat-Signature`).
    #[arg(long, env = "CHAT_PUSH_WEBHOOK_SECRET", hide_env_values = true)]
    pub push_webhook_secret: Option<String>,

    /// Where events (message.created, message.updated, member.added, member.removed,
    /// conversation.created) are POSTed as signed JSON, at least once and in order per
    /// conversation, queued in the store. Unset: no events are queued.
    #[arg(long, env = "CHAT_EVENTS_WEBHOOK_URL")]
    pub events_webhook_url: Option<String>,

    /// The secret that signs each event (HMAC-SHA256, `X-Chat-Signature`).
    #[arg(long, env = "CHAT_EVENTS_WEBHOOK_SECRET", hide_env_values = true)]
    pub events_webhook_secret: Option<String>,

    /// Attempts per event before it is given up as a dead letter (counted in /metrics).
    #[arg(long, env = "CHAT_EVENTS_MAX_ATTEMPTS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..))]
    pub events_max_attempts: u32,

    /// Where each send is POSTed (signed JSON) before it is stored, to be accepted,
    /// replaced or rejected (docs/INTEGRATIONS.md). Unset: sends are stored as they come.
    #[arg(long, env = "CHAT_BEFORE_SEND_URL")]
    pub before_send_url: Option<String>,

    /// The secret that signs each before-send call (HMAC-SHA256, `X-Chat-Signature`).
    #[arg(long, env = "CHAT_BEFORE_SEND_SECRET", hide_env_values = true)]
    pub before_send_secret: Option<String>,

    /// How long the before-send hook may take to answer (e.g. 1s, 300ms).
    #[arg(long, env = "CHAT_BEFORE_SEND_TIMEOUT", default_value = "1s", value_parser = duration)]
    pub before_send_timeout: Duration,

    /// What a send becomes when the hook does not answer in time, or answers nonsense:
    /// `reject` (nothing is stored; the sender gets `unavailable`) or `accept`.
    #[arg(
        long,
        env = "CHAT_BEFORE_SEND_FAILURE",
        value_enum,
        default_value = "reject"
    )]
    pub before_send_failure: HookFailure,

    /// A PEM file of CA certificates trusted, beside the system's roots, by every
    /// outgoing `https://` call (push, events, before-send): for a receiver with a
    /// certificate of one's own CA.
    #[arg(long, env = "CHAT_EXTRA_CA_FILE")]
    pub extra_ca_file: Option<PathBuf>,

    /// Policy and edge settings: rate limits, token lifetime, connection limits, origins.
    #[command(flatten)]
    pub chat: ChatSettings,
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
        c.chat.allowed_origins.retain(|o| !o.is_empty());
        c
    }
}
