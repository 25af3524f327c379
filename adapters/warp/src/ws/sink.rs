//! The [`EventSink`] of one WebSocket connection: a bounded queue to its writer task.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use tokio::sync::{mpsc, watch};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::frame::Utf8Bytes;

use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::ConnectionId;
use chat_domain::ports::{EventSink, SinkFull};
use chat_domain::values::TokenHash;

use chat_protocol::ws::ServerFrame;

use crate::Metrics;

/// What the writer task sends.
pub enum Outbound {
    /// A reply frame, already encoded.
    Reply(String),
    /// An event frame, encoded once per envelope and shared by every recipient.
    Event(Utf8Bytes),
}

/// Why a connection is being closed.
pub type CloseReason = Option<(CloseCode, &'static str)>;

pub struct WsSink {
    pub connection: ConnectionId,
    pub token_hash: TokenHash,
    pub queue: mpsc::Sender<Outbound>,
    pub close: Arc<watch::Sender<CloseReason>>,
    pub metrics: Arc<Metrics>,
}

impl WsSink {
    fn close(&self, code: CloseCode, why: &'static str) {
        self.close.send_if_modified(|r| {
            let first = r.is_none();
            if first {
                *r = Some((code, why));
            }
            first
        });
    }
}

impl EventSink for WsSink {
    fn connection_id(&self) -> ConnectionId {
        self.connection
    }

    fn deliver(&self, envelope: Arc<Envelope>) -> Result<(), SinkFull> {
        if let DomainEvent::SessionsRevoked { token_hash, .. } = &envelope.event {
            if token_hash.as_ref().is_none_or(|h| *h == self.token_hash) {
                self.close(CloseCode::Policy, "session ended");
            }
            return Ok(());
        }
        // Encoded by the first recipient; the queue holds only the shared frame, so the
        // envelope is let go here, on the publishing thread.
        let Some(frame) = envelope.encoded(encode) else {
            return Ok(()); // an event that has no frame on the wire
        };
        match self.queue.try_send(Outbound::Event(frame)) {
            Ok(()) => Ok(()),
            // Presence and typing are advisory (a client can ask `GET /presence`); when
            // many members connect at once they arrive in bursts that can fill a queue
            // before its writer first runs. Dropping one costs less than the socket.
            Err(mpsc::error::TrySendError::Full(_))
                if matches!(
                    envelope.event,
                    DomainEvent::PresenceChanged { .. } | DomainEvent::Typing { .. }
                ) =>
            {
                self.metrics.dropped_events_total.fetch_add(1, Relaxed);
                Ok(())
            }
            Err(mpsc::error::TrySendError::Full(_)) => {
                if self.close.borrow().is_none() {
                    self.metrics.slow_consumers_total.fetch_add(1, Relaxed);
                }
                self.close(CloseCode::Again, "slow consumer");
                Err(SinkFull)
            }
            // The connection is closing; nothing to deliver to.
            Err(mpsc::error::TrySendError::Closed(_)) => Ok(()),
        }
    }
}

fn encode(event: &DomainEvent) -> Option<Utf8Bytes> {
    ServerFrame::event(event).map(|f| Utf8Bytes::from(f.encode()))
}
