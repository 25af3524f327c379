//! One WebSocket connection: a reader loop that answers client frames, and a writer task
//! that owns the socket's sending half and drains a bounded queue.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Instant;

use futures_util::{SinkExt, StreamExt};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::sync::{mpsc, watch};
use tokio::time::{interval_at, timeout, MissedTickBehavior};
use tokio_tungstenite::tungstenite::error::{CapacityError, Error as WsError};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::frame::{CloseFrame, Utf8Bytes};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use chat_app::{Actor, AppError, Connection, HistoryQuery, SendMessage};
use chat_domain::ids::ConnectionId;

use super::frames::{decode, Reply, Request};
use super::sink::{CloseReason, Outbound, WsSink};
use crate::wire::{to_json, EventFrame, MessageDto};
use crate::Edge;

type Socket = WebSocketStream<TokioIo<Upgraded>>;

/// How long a close handshake may take before the socket is dropped.
const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Serves one upgraded socket until it closes.
pub async fn serve(edge: Edge, actor: Actor, token: String, socket: Box<Socket>) {
    let id = ConnectionId::new();
    let (queue_tx, queue_rx) = mpsc::channel(edge.config.send_queue);
    let (close_tx, close_rx) = watch::channel::<CloseReason>(None);
    let close_tx = Arc::new(close_tx);
    let sink = Arc::new(WsSink {
        connection: id,
        token_hash: actor.session.token_hash.clone(),
        queue: queue_tx.clone(),
        close: close_tx.clone(),
        metrics: edge.metrics.clone(),
    });
    let (ws_tx, ws_rx) = (*socket).split();
    let writer = tokio::spawn(write_loop(
        edge.config.ping_interval,
        ws_tx,
        queue_rx,
        close_rx.clone(),
    ));

    // `ready` goes into the queue before the subscription below, so it is the first frame
    // even when events for this user arrive at once.
    let ready = Reply::Ready {
        user_id: actor.id(),
        connection_id: id,
    }
    .encode();
    if queue_tx.send(Outbound::Reply(ready)).await.is_err() {
        return;
    }
    // The use-case futures are boxed: the task lives as long as the socket, and its size
    // is that of the largest future it awaits inline (see the idle figures).
    let connection = match Box::pin(edge.app.connect(&actor, sink)).await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(user = %actor.id(), error = %e, "connection refused");
            let _ = queue_tx
                .send(Outbound::Reply(Reply::error(None, &e).encode()))
                .await;
            close_tx.send_replace(Some((CloseCode::Again, "unavailable")));
            let _ = writer.await;
            return;
        }
    };
    edge.metrics.connections_total.fetch_add(1, Relaxed);
    edge.metrics.connections_open.fetch_add(1, Relaxed);
    tracing::info!(user = %actor.id(), connection = %id, "connection opened");

    // A logout or ban between the handshake and the subscription above published its
    // event before this socket could hear it: check the session once more.
    if Box::pin(edge.app.authenticate(&token)).await.is_err() {
        close_tx.send_replace(Some((CloseCode::Policy, "session ended")));
    } else {
        let reader = Reader {
            edge: &edge,
            actor: &actor,
            connection: &connection,
            queue: &queue_tx,
            close: &close_tx,
        };
        reader.run(ws_rx, close_rx).await;
    }

    // Whatever ended the reader, make sure the writer ends too.
    close_tx.send_if_modified(|r| {
        let first = r.is_none();
        if first {
            *r = Some((CloseCode::Normal, "client closed"));
        }
        first
    });
    if let Err(e) = Box::pin(edge.app.disconnect(connection)).await {
        tracing::warn!(user = %actor.id(), error = %e, "presence update on disconnect failed");
    }
    // The writer ends on the close signal; a peer that blocks even the close frame is cut
    // off once the grace has passed.
    let abort = writer.abort_handle();
    if timeout(CLOSE_GRACE * 2, writer).await.is_err() {
        abort.abort();
    }
    edge.metrics.connections_open.fetch_sub(1, Relaxed);
    let why = close_tx.borrow().map_or("", |(_, why)| why);
    tracing::info!(user = %actor.id(), connection = %id, reason = why, "connection closed");
}

struct Reader<'a> {
    edge: &'a Edge,
    actor: &'a Actor,
    connection: &'a Connection,
    queue: &'a mpsc::Sender<Outbound>,
    close: &'a watch::Sender<CloseReason>,
}

impl Reader<'_> {
    fn close(&self, code: CloseCode, why: &'static str) {
        self.close.send_if_modified(|r| {
            let first = r.is_none();
            if first {
                *r = Some((code, why));
            }
            first
        });
    }

    async fn run(
        &self,
        mut ws_rx: futures_util::stream::SplitStream<Socket>,
        mut close_rx: watch::Receiver<CloseReason>,
    ) {
        let mut shutdown = self.edge.shutdown_signal();
        let silence = self.edge.config.ping_interval * 2;
        loop {
            tokio::select! {
                next = timeout(silence, ws_rx.next()) => match next {
                    Err(_) => return self.close(CloseCode::Away, "no traffic for two ping intervals"),
                    Ok(None) => return,
                    Ok(Some(Ok(Message::Text(text)))) => {
                        if !Box::pin(self.handle(&text)).await {
                            return;
                        }
                    }
                    Ok(Some(Ok(Message::Binary(_)))) => {
                        return self.close(CloseCode::Unsupported, "binary frames are not supported")
                    }
                    Ok(Some(Ok(Message::Close(_)))) => return,
                    Ok(Some(Ok(Message::Pong(_)))) => {
                        // The answer to our ping proves the connection alive: keep its
                        // presence from ageing out (stores with expiry).
                        if let Err(e) = Box::pin(self.edge.app.heartbeat(self.connection)).await {
                            tracing::debug!(error = %e, "heartbeat failed");
                        }
                    }
                    Ok(Some(Ok(_))) => {} // a ping: liveness only
                    Ok(Some(Err(WsError::Capacity(CapacityError::MessageTooLong { .. })))) => {
                        return self.close(CloseCode::Size, "frame too large")
                    }
                    Ok(Some(Err(WsError::Utf8(_)))) => {
                        return self.close(CloseCode::Invalid, "a text frame that is not UTF-8")
                    }
                    Ok(Some(Err(WsError::Protocol(e)))) => {
                        tracing::debug!(error = %e, "websocket protocol error");
                        return self.close(CloseCode::Protocol, "websocket protocol error");
                    }
                    Ok(Some(Err(e))) => {
                        tracing::debug!(error = %e, "websocket read failed");
                        return;
                    }
                },
                _ = close_rx.changed() => return,
                _ = shutdown.changed() => return self.close(CloseCode::Away, "server shutting down"),
            }
        }
    }

    /// Answers one frame. Returns `false` when the connection should end.
    async fn handle(&self, text: &str) -> bool {
        let decoded = decode(text);
        let req = decoded.req.as_deref();
        let reply = match decoded.request {
            Ok(request) => self.dispatch(req, request).await,
            Err(e) => Err(e),
        };
        let frame = match reply {
            Ok(Some(frame)) => frame,
            Ok(None) => return true,
            Err(e) => {
                self.edge.metrics.error(e.code());
                Reply::error(req, &e).encode()
            }
        };
        // A client that does not read its replies is a slow consumer like any other: the
        // reader never waits on it, so it still notices closes, silence and shutdown.
        match self.queue.try_send(Outbound::Reply(frame)) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.edge.metrics.slow_consumers_total.fetch_add(1, Relaxed);
                self.close(CloseCode::Again, "slow consumer");
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        }
    }

    async fn dispatch(
        &self,
        req: Option<&str>,
        request: Request,
    ) -> Result<Option<String>, AppError> {
        let app = &self.edge.app;
        Ok(Some(match request {
            Request::Send {
                conversation_id,
                client_msg_id,
                kind,
                body,
                reply_to,
                mentions,
            } => {
                let started = Instant::now();
                let cmd = SendMessage {
                    conversation_id,
                    client_msg_id,
                    kind,
                    body,
                    reply_to,
                    mentions,
                    connection: Some(self.connection.id),
                };
                let sent = app.send_message(self.actor, cmd).await;
                self.edge
                    .record_send(started, sent.as_ref().map(|s| s.created).ok());
                let sent = sent?;
                Reply::Ack {
                    req,
                    message: MessageDto::from(&sent.message),
                }
                .encode()
            }
            Request::Read {
                conversation_id,
                seq,
            } => {
                app.mark_read(self.actor, conversation_id, seq).await?;
                Reply::Ok { req }.encode()
            }
            Request::Typing { conversation_id } => {
                app.typing(self.actor, conversation_id).await?;
                return Ok(None);
            }
            Request::History {
                conversation_id,
                before_seq,
                after_seq,
                limit,
            } => {
                let q = HistoryQuery {
                    before_seq,
                    after_seq,
                    limit,
                };
                let page = app.get_history(self.actor, conversation_id, q).await?;
                let previews = app.reply_previews(&page).await;
                Reply::history(req, conversation_id, &page, &previews).encode()
            }
            Request::Edit {
                conversation_id,
                seq,
                body,
            } => {
                let m = app
                    .edit_message(self.actor, conversation_id, seq, &body)
                    .await?;
                Reply::Updated {
                    req,
                    message: (&m).into(),
                }
                .encode()
            }
            Request::Recall {
                conversation_id,
                seq,
            } => {
                let m = app.recall_message(self.actor, conversation_id, seq).await?;
                Reply::Updated {
                    req,
                    message: (&m).into(),
                }
                .encode()
            }
            Request::React {
                conversation_id,
                seq,
                emoji,
                on,
            } => {
                let m = app
                    .react(self.actor, conversation_id, seq, &emoji, on)
                    .await?;
                Reply::Updated {
                    req,
                    message: (&m).into(),
                }
                .encode()
            }
            Request::Received {
                conversation_id,
                seq,
            } => {
                app.mark_delivered(self.actor, conversation_id, seq).await?;
                Reply::Ok { req }.encode()
            }
            Request::Changes {
                conversation_id,
                after_version,
                limit,
            } => {
                let changed = app
                    .get_changes(self.actor, conversation_id, after_version, limit)
                    .await?;
                Reply::Changes {
                    req,
                    conversation_id,
                    messages: changed.iter().map(Into::into).collect(),
                }
                .encode()
            }
            Request::Ping => {
                if let Err(e) = app.heartbeat(self.connection).await {
                    tracing::debug!(error = %e, "heartbeat failed");
                }
                Reply::Pong { req }.encode()
            }
        }))
    }
}

/// Owns the sending half: writes queued frames (coalescing whatever is ready into one
/// flush), pings on an interval, and sends the close frame when told to close.
async fn write_loop(
    period: std::time::Duration,
    mut ws_tx: futures_util::stream::SplitSink<Socket, Message>,
    mut queue: mpsc::Receiver<Outbound>,
    mut close_rx: watch::Receiver<CloseReason>,
) {
    let mut ping = interval_at(tokio::time::Instant::now() + period, period);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            biased;
            _ = close_rx.changed() => break,
            item = queue.recv() => {
                let Some(item) = item else { break };
                let mut batch = vec![item];
                while batch.len() < 64 {
                    match queue.try_recv() {
                        Ok(more) => batch.push(more),
                        Err(_) => break,
                    }
                }
                // Boxed: it is live only while writing, and inline it would size the task.
                let write = Box::pin(async {
                    for item in batch {
                        if let Some(text) = encode(item) {
                            ws_tx.feed(Message::Text(text)).await?;
                        }
                    }
                    ws_tx.flush().await
                });
                // A peer that stops reading blocks the write; a close request still wins.
                tokio::select! {
                    biased;
                    _ = close_rx.changed() => return,
                    r = write => if r.is_err() { return },
                }
            }
            _ = ping.tick() => {
                tokio::select! {
                    biased;
                    _ = close_rx.changed() => return,
                    r = Box::pin(ws_tx.send(Message::Ping(Default::default()))) => if r.is_err() { return },
                }
            }
        }
    }
    let reason = *close_rx.borrow();
    if let Some((code, why)) = reason {
        let frame = CloseFrame {
            code,
            reason: why.into(),
        };
        let _ = timeout(CLOSE_GRACE, ws_tx.send(Message::Close(Some(frame)))).await;
    }
    let _ = timeout(CLOSE_GRACE, ws_tx.close()).await;
}

fn encode(item: Outbound) -> Option<Utf8Bytes> {
    match item {
        Outbound::Reply(text) => Some(text.into()),
        Outbound::Event(envelope) => {
            let frame = envelope.encoded(|event| {
                EventFrame::from_event(event).map(|f| Utf8Bytes::from(to_json(&f)))
            });
            frame
        }
    }
}
