//! Storage ports on plain text files, under one data directory:
//!
//! ```text
//! <data>/LOCK                                  held while a process has the store open
//! <data>/meta/snapshot, <data>/meta/log.<g>    users, sessions, conversations, cursors
//! <data>/chat/group/chat_{conversation}_{YYYYMMDD}[_{part}].txt
//! <data>/chat/private/chat_{userA}_{userB}_{YYYYMMDD}[_{part}].txt
//! ```
//!
//! Every record is one line, `<crc32> <json>`, readable with `cut -c10- | jq`. A message
//! is acked only once its line is on disk ([`FsyncMode::Always`], with group commit); a
//! torn last line is cut off at startup, a damaged line elsewhere is reported and its
//! range refused rather than served.

mod config;
pub mod line;
mod messages;
mod meta;
mod private;
mod records;

use std::fs::{File, TryLockError};
use std::path::Path;
use std::sync::{Arc, Mutex};

use chat_domain::ports::{Shutdown, Storage};
use chat_domain::RepoError;

pub use config::{FsyncMode, TxtConfig};
use messages::layout::Stem;
use messages::{ConversationStems, StemOf, TxtMessages};
use meta::{
    TxtBlocks, TxtConversations, TxtFollows, TxtOutbox, TxtReports, TxtSessions, TxtUsers,
    TxtWebhooks,
};

/// Maps an I/O failure to the domain's retryable error, naming the file.
pub(crate) fn io_error(what: &str, path: &Path, e: std::io::Error) -> RepoError {
    RepoError::Unavailable(format!("{what} {}: {e}", path.display()))
}

/// Opens the store in `dir` (creating it), recovering from any crash, as one bundle of
/// storage ports. Closing the bundle syncs everything, saves the indexes, stops the
/// writer and releases the directory.
///
/// # Errors
/// [`RepoError::Unavailable`] if another process has the directory open (its `LOCK`
/// is held) or the files cannot be read; [`RepoError::Corrupt`] if the metadata is
/// damaged beyond its last record.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("chat-txt-doc-{}", std::process::id()));
/// # let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
/// # rt.block_on(async {
/// let storage = chat_adapter_txt::open(&dir, chat_adapter_txt::TxtConfig::default()).unwrap();
/// storage.close().await;
/// # });
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn open(dir: &Path, config: TxtConfig) -> Result<Storage, RepoError> {
    let lock = lock_dir(dir)?;
    let meta = Arc::new(meta::Meta::open(&dir.join("meta"), &config)?);
    let stems = Arc::new(MetaStems(meta.clone()));
    let messages = Arc::new(TxtMessages::open(&dir.join("chat"), &config, stems)?);
    let closing = Arc::new(Closing {
        lock: Mutex::new(Some(lock)),
        messages: messages.clone(),
        meta: Some(meta.clone()),
    });
    let storage = Storage::new(
        Arc::new(TxtUsers(meta.clone())),
        Arc::new(TxtSessions(meta.clone())),
        Arc::new(TxtConversations(meta.clone())),
        messages,
        Arc::new(TxtFollows(meta.clone())),
        Arc::new(TxtWebhooks(meta.clone())),
        Arc::new(TxtOutbox::new(meta.clone())),
        Arc::new(TxtBlocks(meta.clone())),
        Arc::new(TxtReports(meta)),
    );
    Ok(storage.closed_by(closing))
}

/// `storage` with its messages kept in the message files of `dir` (under `chat/`, as
/// [`open`] lays them out) and everything else where it was: the seed's hybrid layout,
/// TXT messages beside a database. Direct conversations are told from groups by asking
/// `storage`'s conversations, once per conversation after a start.
///
/// # Errors
/// As [`open`].
pub fn open_beside(storage: Storage, dir: &Path, config: TxtConfig) -> Result<Storage, RepoError> {
    let lock = lock_dir(dir)?;
    let stems = Arc::new(ConversationStems(storage.conversations.clone()));
    let messages = Arc::new(TxtMessages::open(&dir.join("chat"), &config, stems)?);
    let closing = Arc::new(Closing {
        lock: Mutex::new(Some(lock)),
        messages: messages.clone(),
        meta: None,
    });
    Ok(storage.with_messages(messages, closing))
}

struct MetaStems(Arc<meta::Meta>);

#[async_trait::async_trait]
impl StemOf for MetaStems {
    async fn stem_of(&self, id: chat_domain::ids::ConversationId) -> Result<Stem, RepoError> {
        Ok(match self.0.state.conversations.direct_pair_of(id) {
            Some(Some(pair)) => Stem::Private(pair),
            _ => Stem::Group(id),
        })
    }
}

/// What closing a TXT store does, in order: the messages (synced, indexes saved, writer
/// stopped), the metadata log (synced, closed to changes), then the directory's lock.
struct Closing {
    lock: Mutex<Option<File>>,
    messages: Arc<TxtMessages>,
    meta: Option<Arc<meta::Meta>>,
}

#[async_trait::async_trait]
impl Shutdown for Closing {
    async fn close(&self) {
        self.messages.close().await;
        if let Some(meta) = &self.meta {
            meta.close().await;
        }
        drop(self.lock.lock().unwrap_or_else(|e| e.into_inner()).take());
    }
}

/// Creates `dir` and takes its `LOCK`, so a second process cannot open it.
fn lock_dir(dir: &Path) -> Result<File, RepoError> {
    crate::private::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
    let lock_path = dir.join("LOCK");
    let lock = crate::private::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io_error("open", &lock_path, e))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(TryLockError::WouldBlock) => Err(RepoError::Unavailable(format!(
            "{} is in use by another process (its LOCK is held)",
            dir.display()
        ))),
        Err(TryLockError::Error(e)) => Err(io_error("lock", &lock_path, e)),
    }
}
