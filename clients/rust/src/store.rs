//! What the sync engine keeps between runs: the sync cursor, how far each conversation
//! has been shown, and the sends not yet acked. In memory by default; [`FileStore`]
//! keeps it in a JSON file so that a restarted program resends and catches up.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_protocol::objects::{ForwardRequest, MessageKind};

/// How far one conversation has been shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Every message up to this seq has been shown, none after.
    pub seq: u64,
    /// Every change up to this version has been applied.
    pub version: u64,
}

/// A send waiting for its ack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSend {
    /// Where.
    pub conversation_id: Uuid,
    /// The sender's id for it: the server stores one message per id, however often it
    /// is sent.
    pub client_msg_id: String,
    /// Text, image or file.
    pub kind: MessageKind,
    /// The body.
    pub body: String,
    /// A seq it answers.
    pub reply_to: Option<u64>,
    /// The root of the thread it replies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_root: Option<u64>,
    /// A message it forwards, instead of a body (kind and body are then the source's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward: Option<ForwardRequest>,
}

impl PendingSend {
    /// A text message to `conversation_id`, with nothing else set.
    ///
    /// ```
    /// let mut reply = chat_client::PendingSend::text(uuid::Uuid::nil(), "c1", "me too");
    /// reply.thread_root = Some(7);
    /// ```
    pub fn text(conversation_id: Uuid, client_msg_id: &str, body: &str) -> Self {
        Self {
            conversation_id,
            client_msg_id: client_msg_id.to_owned(),
            kind: MessageKind::Text,
            body: body.to_owned(),
            reply_to: None,
            thread_root: None,
            forward: None,
        }
    }
}

/// Everything the engine keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// The cursor of the last sync whose conversations were fully caught up.
    pub cursor: Option<String>,
    /// Per conversation the caller is in.
    pub marks: BTreeMap<Uuid, Mark>,
    /// Sends not yet acked, in the order they were made.
    pub outbox: Vec<PendingSend>,
}

/// A boxed future, so [`SyncStore`] stays object safe without a macro.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Where the engine keeps its [`SyncState`].
pub trait SyncStore: Send + Sync + 'static {
    /// The state saved last, if any.
    fn load(&self) -> BoxFuture<'_, Option<SyncState>>;
    /// Saves `state` (durably, for a persistent store) before returning.
    fn save<'a>(&'a self, state: &'a SyncState) -> BoxFuture<'a, std::io::Result<()>>;
}

/// Keeps the state in memory: lost with the process.
#[derive(Debug, Default)]
pub struct MemoryStore(Mutex<Option<SyncState>>);

impl SyncStore for MemoryStore {
    fn load(&self) -> BoxFuture<'_, Option<SyncState>> {
        let state = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        Box::pin(async move { state })
    }

    fn save<'a>(&'a self, state: &'a SyncState) -> BoxFuture<'a, std::io::Result<()>> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(state.clone());
        Box::pin(async { Ok(()) })
    }
}

/// Keeps the state in a JSON file, replaced whole on each save (written beside it,
/// synced, renamed), so a crash leaves the old state or the new, never a mix.
#[derive(Debug)]
pub struct FileStore {
    path: PathBuf,
}

impl FileStore {
    /// A store at `path` (its directory must exist).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }
}

impl SyncStore for FileStore {
    fn load(&self) -> BoxFuture<'_, Option<SyncState>> {
        Box::pin(async move {
            let bytes = tokio::fs::read(&self.path).await.ok()?;
            serde_json::from_slice(&bytes).ok()
        })
    }

    fn save<'a>(&'a self, state: &'a SyncState) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            let json = serde_json::to_vec(state)?;
            let tmp = self.path.with_extension("tmp");
            let file = tokio::fs::File::create(&tmp).await?;
            let mut file = file;
            tokio::io::AsyncWriteExt::write_all(&mut file, &json).await?;
            file.sync_all().await?;
            tokio::fs::rename(&tmp, &self.path).await
        })
    }
}
