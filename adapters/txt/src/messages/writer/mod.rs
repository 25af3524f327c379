//! The one writer thread: takes every append waiting, assigns seqs, writes each file's
//! new lines in one `write`, syncs each touched file once (group commit), and only then
//! publishes the new records to readers and acks them.

mod batch;

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::oneshot;

use chat_domain::entities::NewMessage;
use chat_domain::ids::ConversationId;
use chat_domain::ports::Appended;
use chat_domain::RepoError;

use super::index::FileInfo;
use super::journal::Journal;
use super::layout::Stem;
use super::replace::Rewrite;
use super::sidecar::write_sidecar;
use super::Shared;
use crate::config::{FsyncMode, TxtConfig};
use crate::io_error;

/// Where the writer sends an append's outcome.
pub type Reply = oneshot::Sender<Result<Appended, RepoError>>;

/// An append waiting for the writer.
pub struct AppendReq {
    pub draft: NewMessage,
    pub stem: Stem,
    pub reply: Reply,
}

/// What the writer is asked to do.
pub enum Command {
    Append(Box<AppendReq>),
    /// Sync everything and save sidecars of the files being written (clean shutdown).
    Flush(oneshot::Sender<()>),
    /// Put a file an erasure pass rewrote in place of the old one, after copying over
    /// what was appended since the pass read it.
    Swap(Box<Rewrite>, oneshot::Sender<Result<(), RepoError>>),
    /// Sync the conversation files and empty the journal (after an erasure pass: the
    /// journal may hold what was erased).
    Checkpoint(oneshot::Sender<Result<(), RepoError>>),
}

/// Open append handles, bounded so a store with many conversations keeps few descriptors.
struct Handles(HashMap<PathBuf, File>);

impl Handles {
    fn get(&mut self, path: &Path) -> std::io::Result<&mut File> {
        if !self.0.contains_key(path) {
            if self.0.len() >= 256 {
                self.0.clear();
            }
            let f = crate::private::options()
                .create(true)
                .append(true)
                .open(path)?;
            self.0.insert(path.to_owned(), f);
        }
        Ok(self.0.get_mut(path).expect("inserted above"))
    }

    /// Closes one file's handle (it was replaced: the next append opens the new file).
    fn forget(&mut self, path: &Path) {
        self.0.remove(path);
    }

    /// Closes every handle (after a failed write, so the next opens afresh).
    fn clear(&mut self) {
        self.0.clear();
    }
}

pub fn run(
    shared: Arc<Shared>,
    rx: Receiver<Command>,
    config: TxtConfig,
    mut journal: Option<Journal>,
) {
    let mut handles = Handles(HashMap::new());
    let mut unsynced: HashSet<PathBuf> = HashSet::new();
    let mut last_sync = Instant::now();
    // Once set, appends fail until a restart recovers the store.
    let mut broken: Option<RepoError> = None;
    // Files finished since the last sync: their sidecars wait until they are durable.
    let mut closed: Vec<(ConversationId, FileInfo)> = Vec::new();
    loop {
        let first = match config.batch_interval() {
            Some(every) if !unsynced.is_empty() => match rx.recv_timeout(every) {
                Ok(c) => Some(c),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            },
            _ => match rx.recv() {
                Ok(c) => Some(c),
                Err(_) => return,
            },
        };
        let mut batch = Vec::new();
        let mut flushes = Vec::new();
        let mut upkeep = Vec::new();
        let mut next = first;
        while let Some(c) = next.take() {
            match c {
                Command::Append(r) => batch.push(*r),
                Command::Flush(done) => flushes.push(done),
                c => upkeep.push(c),
            }
            if batch.len() < config.max_batch {
                next = rx.try_recv().ok();
            }
        }
        if !batch.is_empty() {
            let mut w = Work {
                handles: &mut handles,
                unsynced: &mut unsynced,
                journal: &mut journal,
                broken: &mut broken,
                closed: &mut closed,
            };
            batch::commit(&shared, &config, &mut w, batch);
        }
        // After the batch: a swap copies its lines into the new file too.
        for c in upkeep {
            match c {
                Command::Swap(r, done) => {
                    let _ = done.send(swap(&r, &mut handles));
                }
                Command::Checkpoint(done) => {
                    let synced = journal.as_mut().map_or(Ok(()), |j| j.checkpoint(sync_all));
                    let _ = done.send(synced);
                }
                Command::Append(_) | Command::Flush(_) => {}
            }
        }
        let flushing = !flushes.is_empty();
        let mut durable = true;
        if let Some(j) = journal
            .as_mut()
            .filter(|j| j.wants_checkpoint() || flushing)
        {
            durable = checkpoint(j);
        }
        let due = config
            .batch_interval()
            .is_some_and(|every| last_sync.elapsed() >= every);
        if !unsynced.is_empty() && (due || flushing) {
            let list: Vec<_> = unsynced.drain().collect();
            if let Err(e) = sync_all(&list) {
                // The OS keeps the data; only its durability against power loss waits.
                tracing::warn!(error = %e, "periodic sync failed");
                unsynced.extend(list);
                durable = false;
            }
            last_sync = Instant::now();
        }
        // Sidecars describe durable files only (with fsync=never, nothing is promised).
        let synced_now = config.fsync == FsyncMode::Never
            || (durable && unsynced.is_empty() && journal.as_ref().is_none_or(|j| j.is_empty()));
        if synced_now && !closed.is_empty() {
            save_closed_sidecars(&shared, &mut closed);
        }
        if flushing {
            if synced_now {
                save_active_sidecars(&shared);
            }
            for done in flushes {
                let _ = done.send(());
            }
        }
    }
}

/// Syncs the conversation files and empties the journal; whether it succeeded.
fn checkpoint(journal: &mut Journal) -> bool {
    match journal.checkpoint(sync_all) {
        Ok(()) => true,
        Err(e) => {
            // The journal keeps every record, so nothing is lost; the next one retries.
            tracing::warn!(error = %e, "journal checkpoint failed");
            false
        }
    }
}

/// Replaces `r.info.path` by the rewritten `r.tmp`, copying into it first what was
/// appended after the bytes it covers (the writer appends nothing meanwhile).
fn swap(r: &Rewrite, handles: &mut Handles) -> Result<(), RepoError> {
    let path = &r.info.path;
    let copy = || -> std::io::Result<()> {
        let mut old = File::open(path)?;
        let len = old.metadata()?.len();
        if len > r.covers {
            let mut tmp = crate::private::options().append(true).open(&r.tmp)?;
            old.seek(SeekFrom::Start(r.covers))?;
            std::io::copy(&mut old.take(len - r.covers), &mut tmp)?;
            tmp.sync_all()?;
        }
        Ok(())
    };
    if let Err(e) = copy() {
        let _ = std::fs::remove_file(&r.tmp);
        return Err(io_error("copy", path, e));
    }
    handles.forget(path);
    super::replace::put_in_place(r)
}

/// The writer's state that a batch changes.
struct Work<'a> {
    handles: &'a mut Handles,
    unsynced: &'a mut HashSet<PathBuf>,
    journal: &'a mut Option<Journal>,
    /// Once set, appends fail until a restart recovers the store.
    broken: &'a mut Option<RepoError>,
    /// Files finished since the last sync: their sidecars wait until they are durable.
    closed: &'a mut Vec<(ConversationId, FileInfo)>,
}

/// Saves the sidecars of closed files, now synced; skips conversations with known damage
/// (a sidecar does not record it, and trusting one would hide it).
fn save_closed_sidecars(shared: &Shared, closed: &mut Vec<(ConversationId, FileInfo)>) {
    let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
    let ready: Vec<_> = closed
        .drain(..)
        .filter_map(|(conv, f)| {
            let state = index.get(&conv)?;
            state
                .damaged
                .is_empty()
                .then(|| (conv, state.clients_in(&f), f))
        })
        .collect();
    drop(index);
    for (conv, clients, f) in ready {
        write_sidecar(conv, &f, clients, None);
    }
}

/// Syncs the files' data on up to 16 threads (the filesystem then commits them
/// together), each opening, syncing and closing one file at a time so few descriptors are
/// open at once; returns the first failure.
fn sync_all(files: &[PathBuf]) -> Result<(), RepoError> {
    if files.is_empty() {
        return Ok(());
    }
    let chunk = files.len().div_ceil(16);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    for path in part {
                        File::open(path)
                            .and_then(|f| f.sync_data())
                            .map_err(|e| io_error("sync", path, e))?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err(RepoError::Unavailable("a sync thread panicked".into())))
        })
    })
}

/// Saves the sidecar of each conversation's last file (on a clean shutdown).
pub fn save_active_sidecars(shared: &Shared) {
    let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
    for (conv, state) in index.iter().filter(|(_, s)| s.damaged.is_empty()) {
        if let Some(f) = state.files.last() {
            if f.len > 0 {
                write_sidecar(*conv, f, state.clients_in(f), state.last_message.as_ref());
            }
        }
    }
}
