//! A bound on how long a request body may take to arrive: `body_read_timeout`, plus the
//! time its declared length takes at `min_body_rate`, so a large upload on a slow link
//! still works while a client that sends a byte and stops holds its connection for no
//! longer than that.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body::{Body, Frame};
use tokio::time::{sleep, Sleep};

use crate::EdgeConfig;

/// The error a body gives once its deadline has passed.
#[derive(Debug)]
pub struct BodyTimedOut;

/// What the client is told when its body missed the deadline.
pub(crate) const TOO_SLOW: &str = "the request body did not arrive within CHAT_BODY_READ_TIMEOUT (and the time its length takes at CHAT_BODY_MIN_RATE_KB)";

/// Whether `e`, or an error it wraps, is [`BodyTimedOut`] (a body read as a stream).
pub(crate) fn caused(mut e: &(dyn std::error::Error + 'static)) -> bool {
    loop {
        if e.is::<BodyTimedOut>() {
            return true;
        }
        match e.source() {
            Some(inner) => e = inner,
            None => return false,
        }
    }
}

/// Whether a rejection came from [`BodyTimedOut`]. Warp keeps its body-read rejection
/// private, so only its `Debug` (which names the error) tells.
pub(crate) fn rejected(r: &warp::Rejection) -> bool {
    format!("{r:?}").contains("BodyTimedOut")
}

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body did not arrive in time")
    }
}

impl std::error::Error for BodyTimedOut {}

/// How long a body of `declared` bytes may take.
pub fn allowance(config: &EdgeConfig, declared: Option<u64>) -> Duration {
    let rate = config.min_body_rate.max(1);
    let transfer = Duration::from_secs_f64(declared.unwrap_or(0) as f64 / rate as f64);
    config.body_read_timeout + transfer
}

/// Wraps a request's body so reading it fails with [`BodyTimedOut`] past its allowance.
pub fn bound<B>(config: &EdgeConfig, req: http::Request<B>) -> http::Request<Deadline<B>> {
    let declared = req
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let timer = Box::pin(sleep(allowance(config, declared)));
    req.map(|inner| Deadline {
        inner: Box::pin(inner),
        timer,
    })
}

/// A body that ends in an error once its time is up.
pub struct Deadline<B> {
    inner: Pin<Box<B>>,
    timer: Pin<Box<Sleep>>,
}

impl<B> Body for Deadline<B>
where
    B: Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Data = B::Data;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = this.inner.as_mut().poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        match this.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimedOut)))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_body_gets_the_time_its_length_takes_at_the_minimum_rate() {
        let config = EdgeConfig {
            body_read_timeout: Duration::from_secs(30),
            min_body_rate: 32 * 1024,
            ..EdgeConfig::default()
        };
        assert_eq!(allowance(&config, None), Duration::from_secs(30));
        assert_eq!(
            allowance(&config, Some(10 * 1024 * 1024)),
            Duration::from_secs(30 + 320)
        );
    }
}
