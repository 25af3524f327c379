//! Latency histograms as JSON.

use hdrhistogram::Histogram;
use serde_json::{json, Value};

/// A histogram of microseconds, 1 µs to 60 s, 3 significant digits.
pub fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid bounds")
}

/// p50/p99/p999/max in microseconds.
pub fn percentiles(h: &Histogram<u64>) -> Value {
    json!({
        "p50_us": h.value_at_quantile(0.50),
        "p99_us": h.value_at_quantile(0.99),
        "p999_us": h.value_at_quantile(0.999),
        "max_us": h.max(),
        "count": h.len(),
    })
}
