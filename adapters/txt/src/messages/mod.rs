//! Messages in text files: one checksummed JSON line per message, per conversation per
//! day (see [`layout`]), appended by one writer thread with group commit ([`writer`]),
//! indexed in memory for seeks ([`index`]), rebuilt at startup ([`recovery`]).

mod archive;
mod changes;
mod erase;
mod index;
mod journal;
pub mod layout;
mod read;
mod recovery;
mod replace;
mod sidecar;
mod threads;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, RwLock};

use async_trait::async_trait;
use tokio::sync::oneshot;

use chat_domain::entities::{Message, MessageChange, NewMessage};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{
    Appended, Changed, ConversationRepository, Erased, LogMark, MessageRepository, SyncPoint,
};
use chat_domain::values::{ClientMsgId, Limit, PageQuery, Seq, Strand, StrandQuery};
use chat_domain::RepoError;

use crate::config::TxtConfig;
use index::{client_key, Index};
use layout::Stem;
use writer::{AppendReq, Command};

/// Decides which layout a conversation's files use (group or private pair). Asked once
/// per conversation, at its first append after a start.
#[async_trait]
pub trait StemOf: Send + Sync {
    /// The layout for `id`; conversations the resolver does not know are laid out as groups.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the conversation store cannot answer; the append
    /// then fails the same way.
    async fn stem_of(&self, id: ConversationId) -> Result<Stem, RepoError>;
}

/// Lays out conversations by asking a [`ConversationRepository`]: direct conversations
/// in `private/`, the rest in `group/`. This is how TXT message files sit beside
/// metadata kept elsewhere (MySQL, say).
pub struct ConversationStems(pub Arc<dyn ConversationRepository>);

#[async_trait]
impl StemOf for ConversationStems {
    async fn stem_of(&self, id: ConversationId) -> Result<Stem, RepoError> {
        match self.0.get(id).await {
            Ok(c) => Ok(c.direct_pair().map_or(Stem::Group(id), Stem::Private)),
            Err(RepoError::NotFound(_)) => Ok(Stem::Group(id)),
            Err(e) => Err(e),
        }
    }
}

pub(crate) struct Shared {
    pub(crate) root: PathBuf,
    pub(crate) index: RwLock<Index>,
    pub(crate) total: AtomicU64,
    pub(crate) archives: archive::Cache,
    /// Change stamps for the sync call: in memory, a new epoch each start.
    pub(crate) stamps: chat_memory::Stamps,
    /// Set once the store is closed: the archiver stops, so another process may take
    /// the directory.
    pub(crate) closed: std::sync::atomic::AtomicBool,
    /// Tombstones whose former content is still on disk.
    pub(crate) erasing: erase::Due,
    /// Held by an erasure pass, and by the archiver while it archives a file.
    pub(crate) rewriting: tokio::sync::Mutex<()>,
}

/// [`MessageRepository`] on text files.
pub struct TxtMessages {
    shared: Arc<Shared>,
    changes: Arc<Mutex<changes::Changes>>,
    writer: Mutex<mpsc::Sender<Command>>,
    /// Joined on drop, so the files are closed once the store is gone.
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
    stems: Arc<dyn StemOf>,
    threads: threads::Threads,
}

impl Drop for TxtMessages {
    fn drop(&mut self) {
        self.stop_writer();
    }
}

fn writer_gone() -> RepoError {
    RepoError::Unavailable("the message writer has stopped".into())
}

impl TxtMessages {
    /// Opens (recovering) the message files under `root` and starts the writer thread.
    pub(crate) fn open(
        root: &Path,
        config: &TxtConfig,
        stems: Arc<dyn StemOf>,
    ) -> Result<Self, RepoError> {
        let (mut index, mut total) = recovery::recover(root)?;
        let mut changes = changes::Changes::open(root, &config.fsync)?;
        journal::replay(root, &mut index, &mut total)?;
        let forgotten = changes.forget_beyond(|id| index.get(&id).map_or(0, |s| s.last_seq));
        if forgotten > 0 {
            tracing::warn!(
                forgotten,
                "changes to messages whose lines are gone (damaged files) were dropped"
            );
        }
        let changes = Arc::new(Mutex::new(changes));
        let journal = match config.fsync {
            crate::config::FsyncMode::Always => Some(journal::Journal::open(root)?),
            _ => None,
        };
        let shared = Arc::new(Shared {
            root: root.to_owned(),
            index: RwLock::new(index),
            total: AtomicU64::new(total),
            archives: archive::Cache::default(),
            stamps: Default::default(),
            closed: Default::default(),
            erasing: Default::default(),
            rewriting: Default::default(),
        });
        // Every tombstone is due once per start: a pass finds what an earlier one (or a
        // crash before it) left, and passes over what is erased already.
        erase::remove_leftovers(root);
        for (id, seq, message) in changes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .tombstones()
        {
            shared.erasing.add(id, seq, message);
        }
        let (tx, rx) = mpsc::channel();
        let (s, c) = (shared.clone(), config.clone());
        let thread = std::thread::Builder::new()
            .name("chat-txt-writer".into())
            .spawn(move || writer::run(s, rx, c, journal))
            .map_err(|e| RepoError::Unavailable(format!("cannot start the writer thread: {e}")))?;
        if let Some(days) = config.archive_after_days {
            let weak = Arc::downgrade(&shared);
            std::thread::Builder::new()
                .name("chat-txt-archiver".into())
                .spawn(move || archive::run(weak, days))
                .map_err(|e| {
                    RepoError::Unavailable(format!("cannot start the archiver thread: {e}"))
                })?;
        }
        Ok(Self {
            shared,
            changes,
            writer: Mutex::new(tx),
            thread: Mutex::new(Some(thread)),
            stems,
            threads: Default::default(),
        })
    }

    /// Syncs everything written and saves the index sidecars, so the next start is quick.
    pub async fn flush(&self) {
        let (done, wait) = oneshot::channel();
        if self.send(Command::Flush(done)).is_ok() {
            let _ = wait.await;
        }
    }

    /// Flushes, then stops the writer (later appends fail with `Unavailable`) and the
    /// archiver. Reads still answer from what is written.
    pub async fn close(&self) {
        self.flush().await;
        self.shared.closed.store(true, Ordering::Release);
        self.stop_writer();
    }

    /// Disconnects the writer (it stops at once, writing nothing more), then waits for it.
    fn stop_writer(&self) {
        let (closed, _) = mpsc::channel();
        drop(std::mem::replace(
            &mut *self.writer.lock().unwrap_or_else(|e| e.into_inner()),
            closed,
        ));
        let thread = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }

    /// Hands one append to the writer; the receiver answers once it is durable.
    async fn queue_append(
        &self,
        message: NewMessage,
    ) -> Result<oneshot::Receiver<Result<Appended, RepoError>>, RepoError> {
        let known = {
            let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
            index.get(&message.conversation_id).and_then(|s| s.stem)
        };
        let stem = match known {
            Some(stem) => stem,
            None => self.stems.stem_of(message.conversation_id).await?,
        };
        let (reply, answer) = oneshot::channel();
        self.send(Command::Append(Box::new(AppendReq {
            draft: message,
            stem,
            reply,
        })))?;
        Ok(answer)
    }

    fn send(&self, c: Command) -> Result<(), RepoError> {
        self.writer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(c)
            .map_err(|_| writer_gone())
    }

    /// Messages `lo..=hi` as they are now (changes applied).
    fn read(&self, id: ConversationId, lo: u64, hi: u64) -> Result<Vec<Message>, RepoError> {
        let stored = self.read_stored(id, lo, hi)?;
        Ok(self.current(stored))
    }

    /// Messages `lo..=hi` as first written.
    fn read_stored(&self, id: ConversationId, lo: u64, hi: u64) -> Result<Vec<Message>, RepoError> {
        let segments = {
            let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
            match index.get(&id) {
                Some(state) => read::plan(state, lo, hi)?,
                None => return Ok(Vec::new()),
            }
        };
        read::read(&segments, lo, hi, &self.shared.archives)
    }

    fn current(&self, messages: Vec<Message>) -> Vec<Message> {
        let changes = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        messages.into_iter().map(|m| changes.current(m)).collect()
    }

    fn last_seq_now(&self, id: ConversationId) -> u64 {
        let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
        index.get(&id).map_or(0, |s| s.last_seq)
    }
}

#[async_trait]
impl MessageRepository for TxtMessages {
    async fn append(&self, message: NewMessage) -> Result<Appended, RepoError> {
        let answer = self.queue_append(message).await?;
        answer.await.map_err(|_| writer_gone())?
    }

    /// All are queued before the first answer is awaited, so the writer commits them
    /// together: one write and one fsync per file for the lot.
    async fn append_all(&self, messages: Vec<NewMessage>) -> Vec<Result<Appended, RepoError>> {
        let mut answers = Vec::with_capacity(messages.len());
        for message in messages {
            answers.push(self.queue_append(message).await);
        }
        let mut out = Vec::with_capacity(answers.len());
        for answer in answers {
            out.push(match answer {
                Ok(answer) => answer.await.map_err(|_| writer_gone()).and_then(|r| r),
                Err(e) => Err(e),
            });
        }
        out
    }

    async fn page(&self, id: ConversationId, query: PageQuery) -> Result<Vec<Message>, RepoError> {
        match query.range(self.last_seq_now(id)) {
            Some((lo, hi)) => self.read(id, lo, hi),
            None => Ok(Vec::new()),
        }
    }

    async fn get(&self, id: ConversationId, seq: Seq) -> Result<Option<Message>, RepoError> {
        if seq.get() > self.last_seq_now(id) {
            return Ok(None);
        }
        Ok(self.read(id, seq.get(), seq.get())?.pop())
    }

    async fn get_many(&self, id: ConversationId, seqs: &[Seq]) -> Result<Vec<Message>, RepoError> {
        self.read_many(id, seqs)
    }

    async fn strand_page(
        &self,
        id: ConversationId,
        q: StrandQuery,
    ) -> Result<Vec<Message>, RepoError> {
        match q.strand {
            Strand::TopLevel => chat_domain::ports::scan_strand(self, id, q).await,
            Strand::Replies(root) => {
                let replies = self.reply_seqs(id, root)?;
                self.read_many(id, &threads::pick(&replies, &q))
            }
        }
    }

    async fn count_replies_after(
        &self,
        id: ConversationId,
        root: Seq,
        after: u64,
    ) -> Result<u64, RepoError> {
        let unread: Vec<Seq> = threads::pick_after(&self.reply_seqs(id, root)?, after);
        let messages = self.read_many(id, &unread)?;
        Ok(messages.iter().filter(|m| !m.deleted).count() as u64)
    }

    async fn find_by_client_id(
        &self,
        id: ConversationId,
        sender: UserId,
        client_msg_id: &ClientMsgId,
    ) -> Result<Option<Message>, RepoError> {
        let key = client_key(sender, client_msg_id);
        let seqs = {
            let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
            index
                .get(&id)
                .and_then(|s| s.client_ids.get(&key).cloned())
                .unwrap_or_default()
        };
        for seq in seqs {
            if let Some(m) = self.read(id, seq, seq)?.pop() {
                if m.sender_id == sender && m.client_msg_id.as_ref() == Some(client_msg_id) {
                    return Ok(Some(m));
                }
            }
        }
        Ok(None)
    }

    async fn change(
        &self,
        id: ConversationId,
        seq: Seq,
        change: &MessageChange,
    ) -> Result<Changed, RepoError> {
        let missing = || RepoError::NotFound(format!("no message at seq {seq}"));
        if seq.get() > self.last_seq_now(id) {
            return Err(missing());
        }
        // The first line of a message never changes, so it is read outside the lock.
        let stored = self
            .read_stored(id, seq.get(), seq.get())?
            .pop()
            .ok_or_else(missing)?;
        let (changes, change) = (self.changes.clone(), change.clone());
        let shared = self.shared.clone();
        tokio::task::spawn_blocking(move || {
            let mut changes = changes.lock().unwrap_or_else(|e| e.into_inner());
            let mut message = changes.current(stored);
            let pinned = changes.pinned(id).len();
            chat_domain::rules::ensure_pin_fits(&message, &change, pinned)
                .map_err(|e| RepoError::Conflict(e.to_string()))?;
            let version = changes.next_version(id);
            let changed = message
                .apply(&change, version)
                .map_err(|e| RepoError::Conflict(e.to_string()))?;
            if changed {
                changes.record(message.clone())?;
                shared.stamps.bump(id);
                if matches!(change, MessageChange::Recall | MessageChange::Remove(_)) {
                    shared.erasing.add(id, seq.get(), message.id);
                }
            }
            Ok(Changed { message, changed })
        })
        .await
        .map_err(|_| RepoError::Unavailable("the change was interrupted".into()))?
    }

    async fn pinned(&self, id: ConversationId) -> Result<Vec<Message>, RepoError> {
        let changes = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        let mut pinned = changes.pinned(id);
        pinned.sort_by_key(|m| std::cmp::Reverse(m.pinned.map(|p| (p.at, m.seq))));
        Ok(pinned)
    }

    async fn changes(
        &self,
        id: ConversationId,
        after_version: u64,
        limit: Limit,
    ) -> Result<Vec<Message>, RepoError> {
        let changes = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        Ok(changes.since(id, after_version, limit.get()))
    }

    async fn last_seq(&self, id: ConversationId) -> Result<u64, RepoError> {
        Ok(self.last_seq_now(id))
    }

    async fn latest(&self, ids: &[ConversationId]) -> Result<Vec<Message>, RepoError> {
        let latest: Vec<Message> = {
            let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
            ids.iter()
                .filter_map(|id| index.get(id)?.last_message.clone())
                .collect()
        };
        Ok(self.current(latest))
    }

    async fn sync_point(&self) -> Result<SyncPoint, RepoError> {
        Ok(self.shared.stamps.point())
    }

    async fn log_marks(&self, ids: &[ConversationId]) -> Result<Vec<LogMark>, RepoError> {
        // Stamps first: a version read after its stamp is at least as new.
        let stamps = self.shared.stamps.of(ids);
        let changes = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        Ok(ids
            .iter()
            .zip(stamps)
            .map(|(&id, stamp)| LogMark {
                conversation_id: id,
                last_version: changes.next_version(id) - 1,
                stamp,
            })
            .collect())
    }

    async fn count(&self) -> Result<u64, RepoError> {
        Ok(self.shared.total.load(Ordering::Relaxed))
    }

    async fn erase_tombstones(&self) -> Result<Erased, RepoError> {
        self.erase_pass().await
    }
}
