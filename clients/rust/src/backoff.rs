//! Reconnect delays: exponential from 200 ms to 10 s, with full jitter, so clients cut
//! off together do not come back together.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const FIRST: Duration = Duration::from_millis(200);
const MOST: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub(crate) struct Backoff {
    attempt: u32,
    seed: u64,
}

impl Backoff {
    pub(crate) fn new() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.subsec_nanos() as u64 | 1);
        Self {
            attempt: 0,
            seed: nanos ^ (&nanos as *const u64 as u64),
        }
    }

    pub(crate) fn reset(&mut self) {
        self.attempt = 0;
    }

    /// A delay between 0 and the attempt's ceiling.
    pub(crate) fn next_delay(&mut self) -> Duration {
        let ceiling = FIRST.saturating_mul(1 << self.attempt.min(6)).min(MOST);
        self.attempt += 1;
        // xorshift64: jitter, not secrecy.
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        let fraction = (self.seed % 1_000) as u32;
        ceiling * fraction / 1_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_to_the_ceiling_and_come_back_after_a_reset() {
        let mut b = Backoff::new();
        let ceilings = [200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000];
        for ms in ceilings {
            assert!(b.next_delay() <= Duration::from_millis(ms));
        }
        b.reset();
        assert!(b.next_delay() <= FIRST);
    }
}
