//! Counters for `/metrics`, in the Prometheus text format. Atomics only: recording is a
//! relaxed add on the hot path.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use chat_protocol::ErrorCode;

/// Upper bounds (seconds) of the send-to-ack latency histogram buckets.
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

const CODES: [ErrorCode; 11] = ErrorCode::ALL;

/// The edge's counters.
#[derive(Default)]
pub struct Metrics {
    /// WebSocket connections open now.
    pub connections_open: AtomicI64,
    /// WebSocket connections opened since start.
    pub connections_total: AtomicU64,
    /// Messages stored (not counting idempotent retries).
    pub messages_total: AtomicU64,
    /// Event frames written to connections.
    pub deliveries_total: AtomicU64,
    /// Connections closed as slow consumers.
    pub slow_consumers_total: AtomicU64,
    /// Presence and typing frames dropped because a connection's queue was full.
    pub dropped_events_total: AtomicU64,
    /// HTTP requests answered.
    pub http_requests_total: AtomicU64,
    errors: [AtomicU64; CODES.len()],
    ack_buckets: [AtomicU64; BUCKETS.len()],
    ack_count: AtomicU64,
    ack_sum_micros: AtomicU64,
}

impl Metrics {
    /// Counts one error answered with `code`.
    pub fn error(&self, code: ErrorCode) {
        if let Some(i) = CODES.iter().position(|c| *c == code) {
            self.errors[i].fetch_add(1, Relaxed);
        }
    }

    /// Records the time from receiving a send to answering it.
    pub fn ack_latency(&self, d: Duration) {
        let secs = d.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            self.ack_buckets[i].fetch_add(1, Relaxed);
        }
        self.ack_count.fetch_add(1, Relaxed);
        self.ack_sum_micros
            .fetch_add(d.as_micros().min(u128::from(u64::MAX)) as u64, Relaxed);
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(2048);
        let mut counter = |name: &str, help: &str, kind: &str, v: i64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}"
            );
        };
        counter(
            "chat_connections_open",
            "WebSocket connections open now.",
            "gauge",
            self.connections_open.load(Relaxed),
        );
        counter(
            "chat_connections_total",
            "WebSocket connections opened.",
            "counter",
            self.connections_total.load(Relaxed) as i64,
        );
        counter(
            "chat_messages_total",
            "Messages stored.",
            "counter",
            self.messages_total.load(Relaxed) as i64,
        );
        counter(
            "chat_deliveries_total",
            "Event frames written to connections.",
            "counter",
            self.deliveries_total.load(Relaxed) as i64,
        );
        counter(
            "chat_slow_consumers_total",
            "Connections closed as slow consumers.",
            "counter",
            self.slow_consumers_total.load(Relaxed) as i64,
        );
        counter(
            "chat_dropped_events_total",
            "Presence and typing frames dropped for a full connection queue.",
            "counter",
            self.dropped_events_total.load(Relaxed) as i64,
        );
        counter(
            "chat_http_requests_total",
            "HTTP requests answered.",
            "counter",
            self.http_requests_total.load(Relaxed) as i64,
        );
        let _ = writeln!(
            out,
            "# HELP chat_errors_total Errors answered, by code.\n# TYPE chat_errors_total counter"
        );
        for (code, n) in CODES.iter().zip(&self.errors) {
            let _ = writeln!(
                out,
                "chat_errors_total{{code=\"{}\"}} {}",
                code.as_str(),
                n.load(Relaxed)
            );
        }
        let _ = writeln!(out, "# HELP chat_send_ack_seconds Time from a send arriving to its answer.\n# TYPE chat_send_ack_seconds histogram");
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(&self.ack_buckets) {
            cumulative += n.load(Relaxed);
            let _ = writeln!(
                out,
                "chat_send_ack_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
            );
        }
        let count = self.ack_count.load(Relaxed);
        let _ = writeln!(out, "chat_send_ack_seconds_bucket{{le=\"+Inf\"}} {count}");
        let _ = writeln!(
            out,
            "chat_send_ack_seconds_sum {}",
            self.ack_sum_micros.load(Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "chat_send_ack_seconds_count {count}");
        out
    }
}
