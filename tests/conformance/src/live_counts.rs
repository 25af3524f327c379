//! Checks for what the login challenge reads and writes: counts of a rate-limit window,
//! and single-use claims.

use std::time::Duration;

use chrono::Duration as Span;

use chat_domain::ids::UserId;
use chat_domain::ports::RateLimit;

use crate::fixtures::t0;
use crate::LiveHarness;

/// A window's count is what was counted in it, on every node, and reading it counts
/// nothing; another window starts at 0.
pub async fn it_should_count_actions_in_the_current_window(h: &impl LiveHarness) {
    let (n1, n2) = (h.node().await, h.node().await);
    let key = format!("login-failed:{}", UserId::new());
    let window = Duration::from_secs(900);
    let limit = RateLimit {
        max: u32::MAX,
        window,
    };
    assert_eq!(n1.rate_limiter.count(&key, window, t0()).await.unwrap(), 0);
    for n in [&n1, &n2, &n1] {
        n.rate_limiter.check(&key, limit, t0()).await.unwrap();
    }
    for n in [&n1, &n2] {
        assert_eq!(n.rate_limiter.count(&key, window, t0()).await.unwrap(), 3);
    }
    let next = t0() + Span::seconds(900);
    assert_eq!(n2.rate_limiter.count(&key, window, next).await.unwrap(), 0);
}

/// A key is claimed once across nodes until its time, then may be claimed again.
pub async fn it_should_claim_a_key_once_until_its_time(h: &impl LiveHarness) {
    let (n1, n2) = (h.node().await, h.node().await);
    let key = format!("challenge:{}", UserId::new());
    // Real time: a Redis key expires on Redis's clock.
    let now = chrono::Utc::now();
    let until = now + Span::seconds(2);
    assert!(n1.replay.claim(&key, until, now).await.unwrap());
    assert!(!n2.replay.claim(&key, until, now).await.unwrap());
    assert!(!n1
        .replay
        .claim(&key, until, now + Span::seconds(1))
        .await
        .unwrap());
    let other = format!("challenge:{}", UserId::new());
    assert!(n2.replay.claim(&other, until, now).await.unwrap());
    // Past its time (and the second a distributed store adds for clock skew).
    tokio::time::sleep(Duration::from_millis(3_200)).await;
    let later = chrono::Utc::now();
    assert!(n2
        .replay
        .claim(&key, later + Span::seconds(2), later)
        .await
        .unwrap());
}
