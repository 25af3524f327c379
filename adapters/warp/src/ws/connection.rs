//! One WebSocket connection: a reader loop that answers client frames, and a writer task
//! that owns the socket's sending half and drains a bounded queue.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::sync::{mpsc, watch};
use tokio::time::{interval_at, timeout, MissedTickBehavior};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::frame::{CloseFrame, Utf8Bytes};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use chat_app::Actor;
use chat_domain::ids::ConnectionId;
use chat_protocol::server::WireError;
use chat_protocol::ws::ServerFrame;

use super::reader::Reader;
use super::sink::{CloseReason, Outbound, WsSink};
use crate::{Edge, Metrics};

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
        edge.metrics.clone(),
        ws_tx,
        queue_rx,
        close_rx.clone(),
    ));

    // `ready` goes into the queue before the subscription below, so it is the first frame
    // even when events for this user arrive at once.
    let ready = ServerFrame::Ready {
        user_id: *actor.id().as_uuid(),
        connection_id: *id.as_uuid(),
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
                .send(Outbound::Reply(WireError::of(&e).frame(None).encode()))
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

/// Owns the sending half: writes queued frames (coalescing whatever is ready into one
/// flush), pings on an interval, and sends the close frame when told to close.
async fn write_loop(
    period: std::time::Duration,
    metrics: Arc<Metrics>,
    mut ws_tx: futures_util::stream::SplitSink<Socket, Message>,
    mut queue: mpsc::Receiver<Outbound>,
    mut close_rx: watch::Receiver<CloseReason>,
) {
    let mut ping = interval_at(tokio::time::Instant::now() + period, period);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    // Taken whole for each write, so an idle connection holds no buffer.
    let mut batch = Vec::new();
    loop {
        tokio::select! {
            biased;
            _ = close_rx.changed() => break,
            // Whatever is queued, up to a window, goes out in one flush; taking it in one
            // call also returns its queue slots at once rather than one lock per frame.
            n = queue.recv_many(&mut batch, 64) => {
                if n == 0 {
                    break;
                }
                let batch = std::mem::take(&mut batch);
                let events = batch.iter().filter(|i| matches!(i, Outbound::Event(_))).count();
                // Boxed: it is live only while writing, and inline it would size the task.
                let write = Box::pin(async {
                    for item in batch {
                        ws_tx.feed(Message::Text(frame(item))).await?;
                    }
                    ws_tx.flush().await
                });
                // A peer that stops reading blocks the write; a close request still wins.
                tokio::select! {
                    biased;
                    _ = close_rx.changed() => return,
                    r = write => if r.is_err() { return },
                }
                // Counted here, once per write, not by the fan-out for every recipient.
                metrics.deliveries_total.fetch_add(events as u64, Relaxed);
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

fn frame(item: Outbound) -> Utf8Bytes {
    match item {
        Outbound::Reply(text) => text.into(),
        Outbound::Event(frame) => frame,
    }
}
