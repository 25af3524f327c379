//! The reading half of a WebSocket connection: answers client frames in order. Frames
//! that have already arrived are answered as one batch, so the sends a client pipelines
//! share one store commit, and their events reach each recipient in one write.

use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

use futures_util::{FutureExt, StreamExt};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::sync::{mpsc, watch};
use tokio::time::timeout_at;
use tokio_tungstenite::tungstenite::error::{CapacityError, Error as WsError};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::frame::Utf8Bytes;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use chat_app::{Actor, AppError, Connection, HistoryQuery, SendMessage, Sent};
use chat_domain::entities::Message as StoredMessage;
use chat_domain::ids::ConversationId;
use chat_protocol::http::SendRequest;
use chat_protocol::objects as wire;
use chat_protocol::server::WireError;
use chat_protocol::server::{commands, sync_cursor};
use chat_protocol::ws::{decode, ClientRequest, ServerFrame};

use super::sink::{CloseReason, Outbound};
use crate::Edge;

type Socket = WebSocketStream<TokioIo<Upgraded>>;

/// Most frames answered as one batch: a client's window of pipelined sends.
const BATCH: usize = 64;

pub(super) struct Reader<'a> {
    pub edge: &'a Edge,
    pub actor: &'a Actor,
    pub connection: &'a Connection,
    pub queue: &'a mpsc::Sender<Outbound>,
    pub close: &'a watch::Sender<CloseReason>,
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

    pub async fn run(
        &self,
        mut ws_rx: futures_util::stream::SplitStream<Socket>,
        mut close_rx: watch::Receiver<CloseReason>,
    ) {
        let mut shutdown = self.edge.shutdown_signal();
        let silence = self.edge.config.ping_interval * 2;
        // The session's end, on the monotonic clock: the socket closes then, as HTTP
        // starts answering 401 (a session is never extended).
        let left = self.actor.session.expires_at - self.edge.app.ports().clock.now();
        // A bot's token never expires (year 9999): a century is as good, and an Instant
        // that far out is safe on every platform.
        let century = std::time::Duration::from_secs(100 * 365 * 24 * 3600);
        let expires = tokio::time::Instant::now() + left.to_std().unwrap_or_default().min(century);
        // A frame read ahead while gathering a batch; it is answered next. Boxed: it is
        // rare, and inline it would grow every idle connection's task.
        let mut held: Option<Box<_>> = None;
        loop {
            let next = match held.take() {
                Some(item) => Ok(*item),
                None => tokio::select! {
                    next = timeout_at(expires.min(tokio::time::Instant::now() + silence), ws_rx.next()) => next,
                    _ = close_rx.changed() => return,
                    _ = shutdown.changed() => return self.close(CloseCode::Away, "server shutting down"),
                },
            };
            if tokio::time::Instant::now() >= expires {
                return self.close(CloseCode::Policy, "session expired");
            }
            match next {
                Err(_) => return self.close(CloseCode::Away, "no traffic for two ping intervals"),
                Ok(None) => return,
                Ok(Some(Ok(Message::Text(text)))) => {
                    // Only what has arrived: gathering never waits.
                    let mut texts = vec![text];
                    while texts.len() < BATCH {
                        match ws_rx.next().now_or_never() {
                            Some(Some(Ok(Message::Text(text)))) => texts.push(text),
                            Some(item) => {
                                held = Some(Box::new(item));
                                break;
                            }
                            None => break,
                        }
                    }
                    if !Box::pin(self.handle_all(texts)).await {
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
            }
        }
    }

    /// Answers frames in order; a run of two or more sends is stored as one batch.
    /// Returns `false` when the connection should end.
    async fn handle_all(&self, texts: Vec<Utf8Bytes>) -> bool {
        let mut sends: Vec<(Option<String>, SendMessage)> = Vec::new();
        for text in &texts {
            let decoded = decode(text);
            let request = match decoded.request.map(classify) {
                Ok(Frame::Send(Ok(cmd))) => {
                    sends.push((decoded.req, cmd));
                    continue;
                }
                // Answered in its place, after the sends before it.
                Ok(Frame::Send(Err(e))) => Err(e),
                Ok(Frame::Other(request)) => Ok(request),
                Err(why) => Err(AppError::BadRequest(why)),
            };
            if !self.send_all(std::mem::take(&mut sends)).await {
                return false;
            }
            let req = decoded.req.as_deref();
            let reply = match request {
                Ok(request) => self.dispatch(req, request).await,
                Err(e) => Err(e),
            };
            if !self.reply(req, reply) {
                return false;
            }
        }
        self.send_all(sends).await
    }

    /// Stores a run of sends with one call and acks each in order; a lone send is
    /// stored by itself.
    async fn send_all(&self, mut sends: Vec<(Option<String>, SendMessage)>) -> bool {
        if sends.len() < 2 {
            let Some((req, cmd)) = sends.pop() else {
                return true;
            };
            let reply = self.send_one(req.as_deref(), cmd).await;
            return self.reply(req.as_deref(), reply);
        }
        let started = Instant::now();
        let (reqs, cmds): (Vec<_>, Vec<_>) = sends
            .into_iter()
            .map(|(req, cmd)| {
                let connection = Some(self.connection.id);
                (req, SendMessage { connection, ..cmd })
            })
            .unzip();
        // Each ack is queued as soon as its send is done.
        let mut reqs = reqs.iter();
        let mut open = true;
        let answer = |sent| {
            let req = reqs.next().and_then(Option::as_deref);
            if open {
                open = self.reply(req, self.acked(started, req, sent));
            }
        };
        self.edge.app.send_messages(self.actor, cmds, answer).await;
        open
    }

    /// The ack of a send (or its error), with the send counted in the metrics.
    fn acked(
        &self,
        started: Instant,
        req: Option<&str>,
        sent: Result<Sent, AppError>,
    ) -> Result<Option<String>, AppError> {
        self.edge
            .record_send(started, sent.as_ref().map(|s| s.created).ok());
        let sent = sent?;
        Ok(Some(
            ServerFrame::Ack {
                req: req.map(str::to_owned),
                message: wire::Message::from(&sent.message),
            }
            .encode(),
        ))
    }

    /// Queues the answer to one frame, if it has one. Returns `false` when the
    /// connection should end.
    fn reply(&self, req: Option<&str>, reply: Result<Option<String>, AppError>) -> bool {
        let frame = match reply {
            Ok(Some(frame)) => frame,
            Ok(None) => return true,
            Err(e) => {
                let wire = WireError::of(&e);
                self.edge.metrics.error(wire.code);
                wire.frame(req).encode()
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

    /// Stores one send and acks it.
    async fn send_one(
        &self,
        req: Option<&str>,
        cmd: SendMessage,
    ) -> Result<Option<String>, AppError> {
        let started = Instant::now();
        let cmd = SendMessage {
            connection: Some(self.connection.id),
            ..cmd
        };
        let sent = self.edge.app.send_message(self.actor, cmd).await;
        self.acked(started, req, sent)
    }

    async fn dispatch(
        &self,
        req: Option<&str>,
        request: ClientRequest,
    ) -> Result<Option<String>, AppError> {
        let app = &self.edge.app;
        let owned = req.map(str::to_owned);
        let conv = ConversationId::from_uuid;
        Ok(Some(match request {
            request @ ClientRequest::Send { .. } => {
                // Runs of sends are gathered before dispatch; a send is stored alone here.
                return match classify(request) {
                    Frame::Send(cmd) => self.send_one(req, cmd?).await,
                    Frame::Other(_) => Ok(None),
                };
            }
            ClientRequest::Auth { .. } => {
                return Err(AppError::BadRequest(
                    "the socket is already authenticated".into(),
                ))
            }
            ClientRequest::Read {
                conversation_id,
                seq,
            } => {
                app.mark_read(self.actor, conv(conversation_id), seq)
                    .await?;
                ServerFrame::Ok { req: owned }.encode()
            }
            ClientRequest::Typing { conversation_id } => {
                app.typing(self.actor, conv(conversation_id)).await?;
                return Ok(None);
            }
            ClientRequest::History {
                conversation_id,
                before_seq,
                after_seq,
                limit,
                thread_root,
                top_level,
            } => {
                let q = HistoryQuery {
                    before_seq,
                    after_seq,
                    limit,
                    top_level: top_level.unwrap_or(false),
                };
                let id = conv(conversation_id);
                let page = match thread_root {
                    Some(root) => app.get_thread(self.actor, id, root, q).await?,
                    None => app.get_history(self.actor, id, q).await?,
                };
                let previews = app.reply_previews(&page).await;
                ServerFrame::History {
                    req: owned,
                    conversation_id,
                    messages: wire::Message::page(&page, &previews),
                }
                .encode()
            }
            ClientRequest::Edit {
                conversation_id,
                seq,
                body,
            } => {
                let m = app
                    .edit_message(self.actor, conv(conversation_id), seq, &body)
                    .await?;
                updated(owned, &m)
            }
            ClientRequest::Recall {
                conversation_id,
                seq,
            } => {
                let m = app
                    .recall_message(self.actor, conv(conversation_id), seq)
                    .await?;
                updated(owned, &m)
            }
            ClientRequest::React {
                conversation_id,
                seq,
                emoji,
                on,
            } => {
                let m = app
                    .react(self.actor, conv(conversation_id), seq, &emoji, on)
                    .await?;
                updated(owned, &m)
            }
            ClientRequest::Received {
                conversation_id,
                seq,
            } => {
                app.mark_delivered(self.actor, conv(conversation_id), seq)
                    .await?;
                ServerFrame::Ok { req: owned }.encode()
            }
            ClientRequest::Changes {
                conversation_id,
                after_version,
                limit,
            } => {
                let changed = app
                    .get_changes(self.actor, conv(conversation_id), after_version, limit)
                    .await?;
                ServerFrame::Changes {
                    req: owned,
                    conversation_id,
                    messages: changed.iter().map(Into::into).collect(),
                }
                .encode()
            }
            ClientRequest::Sync { since, limit } => {
                let (since, limit) = sync_cursor::request(since.as_deref(), limit)?;
                let a = sync_cursor::answer(&app.sync(self.actor, since, limit).await?);
                ServerFrame::Sync {
                    req: owned,
                    cursor: a.cursor,
                    more: a.more,
                    conversations: a.conversations,
                    left: a.left,
                }
                .encode()
            }
            ClientRequest::Ping => {
                if let Err(e) = app.heartbeat(self.connection).await {
                    tracing::debug!(error = %e, "heartbeat failed");
                }
                ServerFrame::Pong { req: owned }.encode()
            }
        }))
    }
}

/// A request, with a send already made the core's command.
enum Frame {
    Send(Result<SendMessage, AppError>),
    Other(ClientRequest),
}

fn classify(request: ClientRequest) -> Frame {
    match request {
        ClientRequest::Send {
            conversation_id,
            client_msg_id,
            kind,
            body,
            reply_to,
            thread_root,
            forward,
            mentions,
        } => Frame::Send(commands::send(
            ConversationId::from_uuid(conversation_id),
            SendRequest {
                client_msg_id,
                kind,
                body,
                reply_to,
                thread_root,
                forward,
                mentions,
            },
        )),
        other => Frame::Other(other),
    }
}

/// The reply to an edit, a recall or a reaction: the message as it is now.
fn updated(req: Option<String>, message: &StoredMessage) -> String {
    ServerFrame::Updated {
        req,
        message: message.into(),
    }
    .encode()
}
