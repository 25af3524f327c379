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

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chat_domain::RepoError;

pub use config::{FsyncMode, TxtConfig};
pub use messages::layout::Stem;
pub use messages::{ConversationStems, StemOf, TxtMessages};
pub use meta::{TxtConversations, TxtSessions, TxtUsers};

/// Maps an I/O failure to the domain's retryable error, naming the file.
pub(crate) fn io_error(what: &str, path: &Path, e: std::io::Error) -> RepoError {
    RepoError::Unavailable(format!("{what} {}: {e}", path.display()))
}

/// An open TXT store: one handle per port, all over the same directory.
pub struct TxtStore {
    /// Accounts.
    pub users: Arc<TxtUsers>,
    /// Sessions.
    pub sessions: Arc<TxtSessions>,
    /// Conversations, participants, read cursors.
    pub conversations: Arc<TxtConversations>,
    /// Message logs.
    pub messages: Arc<TxtMessages>,
    _lock: File,
    dir: PathBuf,
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

impl TxtStore {
    /// Opens the store in `dir` (creating it), recovering from any crash.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if another process has the directory open (its `LOCK`
    /// is held) or the files cannot be read; [`RepoError::Corrupt`] if the metadata is
    /// damaged beyond its last record.
    pub fn open(dir: &Path, config: TxtConfig) -> Result<Self, RepoError> {
        let lock = lock_dir(dir)?;
        let meta = Arc::new(meta::Meta::open(&dir.join("meta"), &config)?);
        let stems = Arc::new(MetaStems(meta.clone()));
        let messages = TxtMessages::open(&dir.join("chat"), &config, stems)?;
        Ok(Self {
            users: Arc::new(TxtUsers(meta.clone())),
            sessions: Arc::new(TxtSessions(meta.clone())),
            conversations: Arc::new(TxtConversations(meta)),
            messages: Arc::new(messages),
            _lock: lock,
            dir: dir.to_owned(),
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens only the message files in `dir` (under `chat/`, as [`TxtStore::open`] lays
    /// them out), for hybrid setups that keep users and conversations elsewhere; `stems`
    /// tells direct conversations from groups (see [`ConversationStems`]).
    ///
    /// # Errors
    /// As [`TxtStore::open`].
    pub fn open_messages(
        dir: &Path,
        config: TxtConfig,
        stems: Arc<dyn StemOf>,
    ) -> Result<TxtMessageLog, RepoError> {
        let lock = lock_dir(dir)?;
        let messages = TxtMessages::open(&dir.join("chat"), &config, stems)?;
        Ok(TxtMessageLog {
            messages: Arc::new(messages),
            _lock: lock,
        })
    }
}

/// The message files of a data directory, opened without its metadata.
pub struct TxtMessageLog {
    /// Message logs.
    pub messages: Arc<TxtMessages>,
    _lock: File,
}

/// Creates `dir` and takes its `LOCK`, so a second process cannot open it.
fn lock_dir(dir: &Path) -> Result<File, RepoError> {
    fs::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
    let lock_path = dir.join("LOCK");
    let lock = File::options()
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
