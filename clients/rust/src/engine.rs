//! The sync engine: one task per client that keeps a socket open (reconnecting with
//! exponential backoff and jitter), catches up after every connect, fills holes it sees
//! in live events, and resends what was not acked.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use uuid::Uuid;

use chat_protocol::objects::Message;
use chat_protocol::ws::{ClientFrame, ClientRequest, ServerFrame};

use crate::backoff::Backoff;
use crate::store::{PendingSend, SyncState, SyncStore};
use crate::timeline::Held;
use crate::{Api, ClientError, Event};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;
pub(crate) type Sink = SplitSink<Socket, WsMessage>;
type Stream = SplitStream<Socket>;
pub(crate) type Waiter = oneshot::Sender<Result<Message, ClientError>>;

/// How long a connect, or the `ready` after it, may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How often the engine pings an idle socket.
const PING_EVERY: Duration = Duration::from_secs(20);
/// How often a connected engine syncs anyway: live delivery is best effort (events
/// between nodes are lost while Redis is away, and the socket never knows), so what a
/// connection missed shows within this long.
const RESYNC_EVERY: Duration = Duration::from_secs(10);

/// What the client handle asks of the engine.
pub(crate) enum Command {
    Send(PendingSend, Waiter),
    Close(oneshot::Sender<()>),
}

pub(crate) struct Engine {
    pub(crate) api: Api,
    pub(crate) ws_url: String,
    pub(crate) me: Uuid,
    pub(crate) store: Arc<dyn SyncStore>,
    pub(crate) state: SyncState,
    pub(crate) held: Held,
    pub(crate) events: mpsc::UnboundedSender<Event>,
    pub(crate) commands: mpsc::UnboundedReceiver<Command>,
    pub(crate) waiters: HashMap<String, Vec<Waiter>>,
    /// Acked sends waiting for an earlier send of their conversation to be acked.
    pub(crate) acked: HashMap<String, Message>,
    pub(crate) backoff: Backoff,
    pub(crate) closed: Option<oneshot::Sender<()>>,
    pub(crate) closing: bool,
}

impl Engine {
    pub(crate) async fn run(mut self) {
        while !self.closing {
            let why = match self.session().await {
                Ok(()) => break,
                Err(e) => e,
            };
            self.emit(Event::Disconnected(why));
            let delay = self.backoff.next_delay();
            self.idle(delay).await;
        }
        for (_, waiters) in self.waiters.drain() {
            for w in waiters {
                let _ = w.send(Err(ClientError::Closed));
            }
        }
        if let Some(done) = self.closed.take() {
            let _ = done.send(());
        }
    }

    pub(crate) fn emit(&self, e: Event) {
        let _ = self.events.send(e);
    }

    pub(crate) async fn save(&self) -> Result<(), ClientError> {
        self.store
            .save(&self.state)
            .await
            .map_err(|e| ClientError::Transport(format!("saving the sync state: {e}")))
    }

    /// Waits out a backoff, still taking sends (queued for the next connection).
    async fn idle(&mut self, delay: Duration) {
        let sleep = tokio::time::sleep(delay);
        tokio::pin!(sleep);
        loop {
            tokio::select! {
                () = &mut sleep => return,
                cmd = self.commands.recv() => match cmd {
                    Some(Command::Send(p, w)) => { let _ = self.queue(p, w).await; }
                    Some(Command::Close(done)) => { self.close_with(done); return; }
                    None => { self.closing = true; return; }
                },
            }
        }
    }

    fn close_with(&mut self, done: oneshot::Sender<()>) {
        self.closing = true;
        self.closed = Some(done);
    }

    /// Keeps a send in the outbox (once per client id) and its waiter.
    async fn queue(&mut self, p: PendingSend, w: Waiter) -> Result<bool, ClientError> {
        self.waiters
            .entry(p.client_msg_id.clone())
            .or_default()
            .push(w);
        let known =
            self.state.outbox.iter().any(|q| {
                q.client_msg_id == p.client_msg_id && q.conversation_id == p.conversation_id
            });
        if !known {
            self.state.outbox.push(p);
            self.save().await?;
        }
        Ok(!known)
    }

    async fn connect(&self) -> Result<(Sink, Stream), ClientError> {
        let mut req = self
            .ws_url
            .as_str()
            .into_client_request()
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        let token = self.api.token().unwrap_or_default();
        let value = format!("Bearer {token}")
            .parse()
            .map_err(|_| ClientError::Protocol("the token is not a header value".into()))?;
        req.headers_mut().insert("authorization", value);
        let (ws, _) = tokio::time::timeout(CONNECT_TIMEOUT, tokio_tungstenite::connect_async(req))
            .await
            .map_err(|_| ClientError::Transport("connect timed out".into()))?
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        let (sink, mut stream) = ws.split();
        let ready = tokio::time::timeout(CONNECT_TIMEOUT, read(&mut stream))
            .await
            .map_err(|_| ClientError::Transport("no ready frame".into()))??;
        match ready {
            Some(ServerFrame::Ready { .. }) => Ok((sink, stream)),
            other => Err(ClientError::Protocol(format!(
                "expected ready, got {other:?}"
            ))),
        }
    }

    /// One connection: catch up, resend, then live until it drops (`Err`) or the client
    /// closes (`Ok`).
    async fn session(&mut self) -> Result<(), ClientError> {
        let (mut sink, mut stream) = self.connect().await?;
        self.backoff.reset();
        self.emit(Event::Connected);
        self.catch_up().await?;
        self.resend(&mut sink).await?;
        self.emit(Event::CaughtUp);
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        let mut resync = tokio::time::interval(RESYNC_EVERY);
        resync.tick().await;
        loop {
            tokio::select! {
                cmd = self.commands.recv() => match cmd {
                    Some(Command::Send(p, w)) => {
                        let frame = send_frame(&p);
                        if self.queue(p, w).await? {
                            write(&mut sink, frame).await?;
                        }
                    }
                    Some(Command::Close(done)) => {
                        self.close_with(done);
                        let _ = sink.close().await;
                        return Ok(());
                    }
                    None => {
                        self.closing = true;
                        let _ = sink.close().await;
                        return Ok(());
                    }
                },
                frame = read(&mut stream) => match frame? {
                    Some(frame) => self.on_frame(frame, &mut sink).await?,
                    None => return Err(ClientError::Transport("the server closed the socket".into())),
                },
                _ = ping.tick() => {
                    write(&mut sink, ClientFrame::new(None, ClientRequest::Ping).encode()).await?;
                }
                _ = resync.tick() => self.catch_up().await?,
            }
        }
    }

    /// Every send not yet acked, in the order they were made.
    async fn resend(&mut self, sink: &mut Sink) -> Result<(), ClientError> {
        for p in self.state.outbox.clone() {
            write(sink, send_frame(&p)).await?;
        }
        Ok(())
    }

    async fn on_frame(&mut self, frame: ServerFrame, sink: &mut Sink) -> Result<(), ClientError> {
        match frame {
            ServerFrame::Ack {
                req: Some(req),
                message,
            } => self.on_ack(req, message).await,
            ServerFrame::Message { message } => self.offer(message).await,
            ServerFrame::MessageUpdated { message, .. } => self.on_update(message).await,
            ServerFrame::Error {
                req: Some(req),
                code,
                message,
                retry_after,
            } if self.state.outbox.iter().any(|p| p.client_msg_id == req) => {
                let error = ClientError::Server {
                    status: 0,
                    code,
                    message,
                    retry_after,
                };
                self.on_send_error(req, error, sink).await
            }
            ServerFrame::MemberAdded { user_id, .. }
            | ServerFrame::MemberRemoved { user_id, .. }
                if user_id == self.me =>
            {
                self.catch_up().await
            }
            ServerFrame::Pong { .. } => Ok(()),
            ServerFrame::Resync => self.catch_up().await,
            other => {
                self.emit(Event::Live(other));
                Ok(())
            }
        }
    }

    /// A send the server refused: a transient refusal is sent again after its wait, any
    /// other fails the send.
    async fn on_send_error(
        &mut self,
        req: String,
        error: ClientError,
        sink: &mut Sink,
    ) -> Result<(), ClientError> {
        if error.is_transient() {
            let wait = match &error {
                ClientError::Server {
                    retry_after: Some(s),
                    ..
                } => Duration::from_secs(*s),
                _ => Duration::from_millis(500),
            };
            tokio::time::sleep(wait.min(Duration::from_secs(30))).await;
            if let Some(p) = self.state.outbox.iter().find(|p| p.client_msg_id == req) {
                write(sink, send_frame(p)).await?;
            }
            return Ok(());
        }
        self.state.outbox.retain(|p| p.client_msg_id != req);
        self.save().await?;
        for w in self.waiters.remove(&req).unwrap_or_default() {
            let _ = w.send(Err(error.clone()));
        }
        self.emit(Event::Failed {
            client_msg_id: req,
            error,
        });
        // Acks held behind the failed send are due now.
        self.release_acks().await
    }

    /// An ack: shown to the caller once, after every earlier send of its conversation.
    async fn on_ack(&mut self, req: String, message: Message) -> Result<(), ClientError> {
        if self.state.outbox.iter().any(|p| p.client_msg_id == req) {
            self.acked.insert(req, message.clone());
            self.release_acks().await?;
        }
        self.offer(message).await
    }

    async fn release_acks(&mut self) -> Result<(), ClientError> {
        let mut blocked: Vec<Uuid> = Vec::new();
        let mut released = Vec::new();
        for p in &self.state.outbox {
            if blocked.contains(&p.conversation_id) {
                continue;
            }
            match self.acked.remove(&p.client_msg_id) {
                Some(m) => released.push((p.client_msg_id.clone(), m)),
                None => blocked.push(p.conversation_id),
            }
        }
        if released.is_empty() {
            return Ok(());
        }
        self.state
            .outbox
            .retain(|p| !released.iter().any(|(id, _)| *id == p.client_msg_id));
        self.save().await?;
        for (id, message) in released {
            for w in self.waiters.remove(&id).unwrap_or_default() {
                let _ = w.send(Ok(message.clone()));
            }
            self.emit(Event::Acked {
                client_msg_id: id,
                message,
            });
        }
        Ok(())
    }
}

/// The server closes a socket on a frame over 64 KiB (1009).
const MAX_FRAME_BYTES: usize = 64 * 1024;

/// Whether `p`'s frame is past what any socket carries.
pub(crate) fn frame_too_large(p: &PendingSend) -> bool {
    send_frame(p).len() > MAX_FRAME_BYTES
}

fn send_frame(p: &PendingSend) -> String {
    let request = ClientRequest::Send {
        conversation_id: p.conversation_id,
        kind: p.kind,
        client_msg_id: p.client_msg_id.clone(),
        body: p.body.clone(),
        reply_to: p.reply_to,
        thread_root: p.thread_root,
        forward: p.forward,
        mentions: Vec::new(),
    };
    ClientFrame::new(Some(&p.client_msg_id), request).encode()
}

async fn write(sink: &mut Sink, text: String) -> Result<(), ClientError> {
    sink.send(WsMessage::Text(text.into()))
        .await
        .map_err(|e| ClientError::Transport(e.to_string()))
}

/// The next server frame; `None` once the socket closed.
async fn read(stream: &mut Stream) -> Result<Option<ServerFrame>, ClientError> {
    loop {
        match stream.next().await {
            None => return Ok(None),
            Some(Err(e)) => return Err(ClientError::Transport(e.to_string())),
            // A frame this build cannot read (a newer server's, say) may have carried
            // something to show: it is taken as a hint to sync.
            Some(Ok(WsMessage::Text(t))) => {
                return Ok(Some(ServerFrame::decode(&t).unwrap_or(ServerFrame::Resync)))
            }
            Some(Ok(WsMessage::Close(_))) => return Ok(None),
            Some(Ok(_)) => continue,
        }
    }
}
