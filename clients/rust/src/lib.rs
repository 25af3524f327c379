//! The Rust client library of the chat.
//!
//! [`Api`] is every HTTP call of protocol v1, typed. [`Client`] adds the sync engine: it
//! keeps a WebSocket open (reconnecting with backoff and jitter), catches up after every
//! connect (sync, then history `after_seq` and changes `after_version` for what the
//! sync names), fills any hole it sees in live events, and resends every send until its
//! ack. Its [`Events`] show each message once, in seq order per conversation, with edits,
//! recalls and reactions applied after it; each send is acked once, in order per
//! conversation. Give it a [`FileStore`] and a restarted program goes on where it was.
//!
//! ```no_run
//! # async fn demo() -> Result<(), chat_client::ClientError> {
//! use chat_client::{Client, Event, MemoryStore};
//! use std::sync::Arc;
//!
//! let (client, mut events) =
//!     Client::login("http://127.0.0.1:8080", "alice", "correct horse battery",
//!                   Arc::new(MemoryStore::default())).await?;
//! while let Some(event) = events.next().await {
//!     if let Event::Message(m) = event {
//!         println!("{}: {}", m.seq, m.body.as_deref().unwrap_or("(recalled)"));
//!     }
//! }
//! # Ok(()) }
//! ```

mod api;
mod backoff;
mod catch_up;
mod engine;
mod error;
mod store;
mod timeline;

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use chat_protocol::objects::{Message, SyncedConversation};
use chat_protocol::ws::ServerFrame;

pub use api::Api;
pub use error::ClientError;
pub use store::{BoxFuture, FileStore, Mark, MemoryStore, PendingSend, SyncState, SyncStore};

use engine::{Command, Engine};

/// What the engine tells its user.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A socket is open and caught up is about to start.
    Connected,
    /// Caught up after a (re)connect, the outbox sent again: live from here on.
    CaughtUp,
    /// The socket dropped (or could not open); the engine reconnects.
    Disconnected(ClientError),
    /// A conversation's state, from a sync: created, joined, or changed.
    Conversation(Box<SyncedConversation>),
    /// The caller left or was removed from a conversation.
    Left(Uuid),
    /// A message, new to this client: once each, in seq order per conversation.
    Message(Box<Message>),
    /// A shown message was edited, recalled or reacted to: as it is now.
    Updated(Box<Message>),
    /// A send is durably stored: once each, in the order of the sends per conversation.
    Acked {
        /// The send's id.
        client_msg_id: String,
        /// As stored.
        message: Message,
    },
    /// The server refused a send for good (not a member, a bad body, …).
    Failed {
        /// The send's id.
        client_msg_id: String,
        /// Why.
        error: ClientError,
    },
    /// Any other frame (receipts, typing, presence, membership), as it came.
    Live(ServerFrame),
}

/// The engine's events, in order.
#[derive(Debug)]
pub struct Events(mpsc::UnboundedReceiver<Event>);

impl Events {
    /// The next event; `None` once the client is closed.
    pub async fn next(&mut self) -> Option<Event> {
        self.0.recv().await
    }
}

/// A connected client: the typed API and the sync engine's handle.
#[derive(Debug)]
pub struct Client {
    api: Api,
    me: Uuid,
    commands: mpsc::UnboundedSender<Command>,
    task: tokio::task::JoinHandle<()>,
}

fn ws_url(base: &str) -> String {
    let base = base.trim_end_matches('/');
    let rest = base
        .strip_prefix("https://")
        .map(|r| format!("wss://{r}"))
        .or_else(|| base.strip_prefix("http://").map(|r| format!("ws://{r}")))
        .unwrap_or_else(|| base.to_owned());
    format!("{rest}/ws")
}

impl Client {
    /// Logs in, then starts the engine.
    ///
    /// # Errors
    /// The login's error (wrong credentials, the server away).
    pub async fn login(
        base: &str,
        username: &str,
        password: &str,
        store: Arc<dyn SyncStore>,
    ) -> Result<(Self, Events), ClientError> {
        let session = Api::new(base).login(username, password).await?;
        Self::connect(base, &session.token, store).await
    }

    /// Starts the engine with a session token, resuming from what `store` holds.
    ///
    /// # Errors
    /// `unauthorized` for a bad token; a transport error if the server cannot be reached.
    pub async fn connect(
        base: &str,
        token: &str,
        store: Arc<dyn SyncStore>,
    ) -> Result<(Self, Events), ClientError> {
        let api = Api::new(base).with_token(token);
        let me = api.me().await?.id;
        let state = store.load().await.unwrap_or_default();
        let (events_tx, events) = mpsc::unbounded_channel();
        let (commands, commands_rx) = mpsc::unbounded_channel();
        let engine = Engine {
            api: api.clone(),
            ws_url: ws_url(base),
            me,
            store,
            state,
            held: Default::default(),
            events: events_tx,
            commands: commands_rx,
            waiters: HashMap::new(),
            acked: HashMap::new(),
            backoff: backoff::Backoff::new(),
            closed: None,
            closing: false,
        };
        let task = tokio::spawn(engine.run());
        Ok((
            Self {
                api,
                me,
                commands,
                task,
            },
            Events(events),
        ))
    }

    /// The typed HTTP API, as this user.
    pub fn api(&self) -> &Api {
        &self.api
    }

    /// Who this client is.
    pub fn user_id(&self) -> Uuid {
        self.me
    }

    /// Sends a text message; the answer is the stored message once acked (however many
    /// reconnects that takes).
    ///
    /// # Errors
    /// The server's refusal (not a member, a bad body), or `Closed`.
    pub async fn send_text(
        &self,
        conversation_id: Uuid,
        client_msg_id: &str,
        body: &str,
    ) -> Result<Message, ClientError> {
        self.send(PendingSend::text(conversation_id, client_msg_id, body))
            .await
    }

    /// Queues a send (a reply in a thread, a forward, an attachment: any
    /// [`PendingSend`]); resolves once it is acked.
    ///
    /// # Errors
    /// As [`Client::send_text`].
    pub async fn send(&self, p: PendingSend) -> Result<Message, ClientError> {
        if engine::frame_too_large(&p) {
            // It would close every socket it is sent on: refused here, never queued.
            return Err(ClientError::Server {
                status: 0,
                code: chat_protocol::ErrorCode::TooLarge,
                message: "the message is over the 64 KiB frame limit".into(),
                retry_after: None,
            });
        }
        let (tx, rx) = oneshot::channel();
        self.commands
            .send(Command::Send(p, tx))
            .map_err(|_| ClientError::Closed)?;
        rx.await.map_err(|_| ClientError::Closed)?
    }

    /// Stops the engine (sends not yet acked stay in the store for next time).
    pub async fn close(self) {
        let (tx, rx) = oneshot::channel();
        if self.commands.send(Command::Close(tx)).is_ok() {
            let _ = rx.await;
        }
        let _ = self.task.await;
    }
}
