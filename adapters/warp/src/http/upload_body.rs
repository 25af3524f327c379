//! A request body as an upload's [`UploadSource`]: chunks go to the store as they
//! arrive, so an upload holds one chunk in memory, not the file.

use std::pin::Pin;

use async_trait::async_trait;
use bytes::Buf;
use futures_util::{Stream, StreamExt};

use chat_app::{AppError, UploadSource};

/// The chunks of a request body.
pub struct BodySource<S> {
    body: Pin<Box<S>>,
    /// Whether the body stopped arriving within its deadline (see `crate::deadline`).
    pub timed_out: bool,
}

impl<S> BodySource<S> {
    pub fn new(body: S) -> Self {
        Self {
            body: Box::pin(body),
            timed_out: false,
        }
    }
}

#[async_trait]
impl<S, B> UploadSource for BodySource<S>
where
    S: Stream<Item = Result<B, warp::Error>> + Send,
    B: Buf + Send,
{
    async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, AppError> {
        match self.body.next().await {
            None => Ok(None),
            Some(Ok(mut buf)) => Ok(Some(buf.copy_to_bytes(buf.remaining()).into())),
            Some(Err(e)) if crate::deadline::caused(&e) => {
                self.timed_out = true;
                Err(AppError::BadRequest(crate::deadline::TOO_SLOW.into()))
            }
            Some(Err(e)) => Err(AppError::BadRequest(format!("the upload broke off: {e}"))),
        }
    }
}
