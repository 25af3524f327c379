use std::net::IpAddr;
use std::time::Duration;

/// Settings of the HTTP + WebSocket edge.
#[derive(Clone, Debug)]
pub struct EdgeConfig {
    /// Origins allowed to open a WebSocket (`scheme://host[:port]`). `*` allows any; an
    /// empty list allows only pages served from the same host as the request's `Host`.
    /// Requests without an `Origin` header (non-browser clients) are allowed.
    pub allowed_origins: Vec<String>,
    /// Proxies whose `X-Forwarded-For` is believed; from anyone else it is ignored.
    pub trusted_proxies: Vec<IpAddr>,
    /// Most live WebSocket connections one user may hold.
    pub max_connections_per_user: u32,
    /// File transfers (uploads and downloads in progress) one user may run at once on a
    /// node; more get 429.
    pub max_transfers_per_user: u32,
    /// Largest HTTP request body accepted.
    pub max_body_bytes: u64,
    /// Largest file upload accepted; bigger ones get 413 `too_large`.
    pub max_upload_bytes: u64,
    /// Largest WebSocket frame (and message) accepted; bigger ones close with 1009.
    pub max_frame_bytes: usize,
    /// Frames queued for one connection before it counts as a slow consumer.
    pub send_queue: usize,
    /// How often the server pings; a peer silent for two intervals is dropped.
    pub ping_interval: Duration,
    /// How long a client may take to send its request headers, and a WebSocket opened
    /// without a token its `auth` frame.
    pub header_read_timeout: Duration,
    /// How long a request body may take to arrive, beyond the time its length takes at
    /// `min_body_rate`; past it the request fails and its connection closes.
    pub body_read_timeout: Duration,
    /// Bytes per second a body must arrive at, at least (on top of `body_read_timeout`).
    pub min_body_rate: u64,
    /// How long shutdown waits for open HTTP requests to finish.
    pub shutdown_grace: Duration,
    /// Whether a WebSocket upgrade may carry its token as `?token=` (proxies and access
    /// logs keep URLs); when not, such an upgrade is refused with 400.
    pub allow_query_token: bool,
}

impl Default for EdgeConfig {
    fn default() -> Self {
        Self {
            allowed_origins: Vec::new(),
            trusted_proxies: Vec::new(),
            max_connections_per_user: 16,
            max_transfers_per_user: 4,
            max_body_bytes: 64 * 1024,
            max_upload_bytes: 10 * 1024 * 1024,
            max_frame_bytes: 64 * 1024,
            send_queue: 256,
            ping_interval: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            min_body_rate: 32 * 1024,
            shutdown_grace: Duration::from_secs(5),
            allow_query_token: true,
        }
    }
}
