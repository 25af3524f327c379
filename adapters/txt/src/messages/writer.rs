//! The one writer thread: takes every append waiting, assigns seqs, writes each file's
//! new lines in one `write`, syncs each touched file once (group commit), and only then
//! publishes the new records to readers and acks them.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Instant;

use chrono::Datelike;
use tokio::sync::oneshot;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ids::ConversationId;
use chat_domain::ports::Appended;
use chat_domain::values::Seq;
use chat_domain::RepoError;

use super::index::{client_key, ConvState, FileInfo};
use super::journal::Journal;
use super::layout::Stem;
use super::recovery::write_sidecar;
use super::{read, Shared};
use crate::config::{FsyncMode, TxtConfig};
use crate::{io_error, line, records};

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
    Append(AppendReq),
    /// Sync everything and save sidecars of the files being written (clean shutdown).
    Flush(oneshot::Sender<()>),
}

/// Open append handles, bounded so a store with many conversations keeps few descriptors.
struct Handles(HashMap<PathBuf, File>);

impl Handles {
    fn get(&mut self, path: &Path) -> std::io::Result<&mut File> {
        if !self.0.contains_key(path) {
            if self.0.len() >= 256 {
                self.0.clear();
            }
            let f = OpenOptions::new().create(true).append(true).open(path)?;
            self.0.insert(path.to_owned(), f);
        }
        Ok(self.0.get_mut(path).expect("inserted above"))
    }
}

/// One conversation's share of a batch.
struct Plan {
    next_seq: u64,
    /// The file being appended to (when `continued`), then any started in this batch.
    files: Vec<FileInfo>,
    /// Whether `files[0]` is the conversation's existing last file.
    continued: bool,
    /// Bytes to append per file (same indexes as `files`).
    bufs: Vec<Vec<u8>>,
    /// Lengths of the files before this batch, to roll back a failed write.
    lens_before: Vec<u64>,
    /// Messages stored, with where: (file index, offset, line length).
    stored: Vec<(Message, usize, u64, u64)>,
    /// Replies owed: the message, and whether it is new.
    replies: Vec<(Reply, usize, bool)>,
    pending: HashMap<u64, usize>,
    stem: Stem,
    failed: Option<RepoError>,
}

fn date_of(m: &NewMessage) -> u32 {
    let d = m.created_at.date_naive();
    d.year() as u32 * 10_000 + d.month() * 100 + d.day()
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
        let mut next = first;
        while let Some(c) = next.take() {
            match c {
                Command::Append(r) => batch.push(r),
                Command::Flush(done) => flushes.push(done),
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
            commit(&shared, &config, &mut w, batch);
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

/// The writer's state that a batch changes.
struct Work<'a> {
    handles: &'a mut Handles,
    unsynced: &'a mut HashSet<PathBuf>,
    journal: &'a mut Option<Journal>,
    broken: &'a mut Option<RepoError>,
    closed: &'a mut Vec<(ConversationId, FileInfo)>,
}

fn commit(shared: &Shared, config: &TxtConfig, w: &mut Work<'_>, batch: Vec<AppendReq>) {
    let Work {
        handles,
        unsynced,
        journal,
        broken,
        closed,
    } = w;
    let broken: &mut Option<RepoError> = broken;
    if let Some(e) = broken {
        for req in batch {
            let _ = req.reply.send(Err(e.clone()));
        }
        return;
    }
    let mut plans: HashMap<ConversationId, Plan> = HashMap::new();
    {
        let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
        for req in batch {
            let conv = req.draft.conversation_id;
            let state = index.get(&conv);
            let plan = plans
                .entry(conv)
                .or_insert_with(|| new_plan(state, req.stem));
            if let Some(cid) = &req.draft.client_msg_id {
                let key = client_key(req.draft.sender_id, cid);
                if let Some(&i) = plan.pending.get(&key) {
                    if plan.stored[i].0.client_msg_id.as_ref() == Some(cid)
                        && plan.stored[i].0.sender_id == req.draft.sender_id
                    {
                        plan.replies.push((req.reply, i, false));
                        continue;
                    }
                }
                if let Some(found) = state.and_then(|s| committed(shared, s, &req.draft, key)) {
                    let _ = req.reply.send(found.map(|message| Appended {
                        message,
                        created: false,
                    }));
                    continue;
                }
                plan.pending.insert(key, plan.stored.len());
            }
            let date = date_of(&req.draft);
            let message = req.draft.at(Seq::after(plan.next_seq - 1));
            plan.next_seq += 1;
            let mut bytes = Vec::with_capacity(256);
            line::encode(&records::encode_message(&message), &mut bytes);
            let fi = target_file(plan, shared, config, date, bytes.len() as u64);
            let offset = plan.files[fi].len + plan.bufs[fi].len() as u64;
            plan.bufs[fi].extend_from_slice(&bytes);
            plan.stored.push((message, fi, offset, bytes.len() as u64));
            plan.replies.push((req.reply, plan.stored.len() - 1, true));
        }
    }

    // With the journal (fsync=always), the batch is made durable there first, in one
    // write and one sync; only then do its lines go to the conversation files. So a line
    // in a conversation file is always in the synced journal too, until a checkpoint has
    // synced the file itself: nothing unacknowledged is ever left in a file to be served.
    let mut new_dirs = HashSet::new();
    let mut touched: Vec<PathBuf> = Vec::new();
    let mut records = Vec::new();
    for plan in plans.values() {
        for fi in (0..plan.files.len()).filter(|fi| !plan.bufs[*fi].is_empty()) {
            let path = plan.files[fi].path.clone();
            if fi > 0 || !plan.continued {
                if let Some(dir) = path.parent() {
                    new_dirs.insert(dir.to_owned());
                }
            }
            touched.push(path);
        }
        if journal.is_some() {
            for (_, fi, offset, len) in &plan.stored {
                let start = (offset - plan.files[*fi].len) as usize;
                let rec = &plan.bufs[*fi][start..start + *len as usize];
                // A record is `<crc> <json>\n`: the journal keeps the json.
                Journal::encode(
                    &shared.root,
                    &plan.files[*fi].path,
                    &rec[9..rec.len() - 1],
                    &mut records,
                );
            }
        }
    }
    let journaled = match journal.as_mut() {
        Some(j) if !records.is_empty() => {
            match j.commit(&records, touched.iter().cloned(), new_dirs) {
                Ok(()) => true,
                Err(e) => {
                    if j.poisoned() {
                        *broken = Some(RepoError::Unavailable(format!(
                            "the journal could not be rolled back ({e}); restart to recover"
                        )));
                    }
                    fail_all(plans, &e);
                    return;
                }
            }
        }
        _ => false,
    };
    // Write each conversation's lines, one write per file.
    let mut write_error = None;
    for plan in plans.values_mut() {
        for fi in (0..plan.files.len()).filter(|fi| !plan.bufs[*fi].is_empty()) {
            let path = plan.files[fi].path.clone();
            let at_end = handles
                .get(&path)
                .and_then(|f| f.metadata())
                .map(|m| m.len());
            let written = match at_end {
                // The file must end where the index says, or offsets would be wrong.
                Ok(len) if len == plan.lens_before[fi] => {
                    handles.get(&path).and_then(|f| f.write_all(&plan.bufs[fi]))
                }
                Ok(len) => Err(std::io::Error::other(format!(
                    "file is {len} bytes, the index says {}",
                    plan.lens_before[fi]
                ))),
                Err(e) => Err(e),
            };
            if let Err(e) = written {
                let e = io_error("append", &path, e);
                plan.failed = Some(e.clone());
                write_error.get_or_insert(e);
                break;
            }
        }
    }
    if let Some(e) = write_error {
        if journaled {
            // The batch is durable in the journal but not in its files: the next start
            // replays it. Until then, no append may take the seqs it holds.
            *broken = Some(RepoError::Unavailable(format!(
                "{e}; restart to recover from the journal"
            )));
            fail_all(plans, &e);
            return;
        }
        // Without a journal, take back what reached the files.
        for plan in plans.values_mut().filter(|p| p.failed.is_some()) {
            for fi in (0..plan.files.len()).filter(|fi| !plan.bufs[*fi].is_empty()) {
                let undone = handles
                    .get(&plan.files[fi].path)
                    .and_then(|f| f.set_len(plan.lens_before[fi]));
                if let Err(u) = undone {
                    *broken = Some(RepoError::Unavailable(format!(
                        "a failed write could not be taken back ({u}); restart to recover"
                    )));
                }
            }
        }
        handles.0.clear();
    }
    if !journaled {
        unsynced.extend(touched);
    }

    let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
    for (conv, mut plan) in plans {
        if let Some(e) = plan.failed.take() {
            for (reply, _, _) in plan.replies {
                let _ = reply.send(Err(e.clone()));
            }
            continue;
        }
        let state = index.entry(conv).or_default();
        state.stem.get_or_insert(plan.stem);
        for (m, fi, offset, len) in &plan.stored {
            plan.files[*fi].push(m.seq.get(), *offset, *len);
            if let Some(c) = &m.client_msg_id {
                state.note_client(client_key(m.sender_id, c), m.seq.get());
            }
        }
        if plan.continued {
            state.files.pop();
        }
        // Every file but the last is finished; its sidecar is saved once it is synced.
        for f in &plan.files[..plan.files.len().saturating_sub(1)] {
            closed.push((conv, f.clone()));
        }
        state.files.append(&mut plan.files);
        state.last_seq = plan.next_seq - 1;
        if let Some((m, ..)) = plan.stored.last() {
            state.last_message = Some(m.clone());
        }
        shared
            .total
            .fetch_add(plan.stored.len() as u64, Ordering::Relaxed);
        for (reply, i, created) in plan.replies {
            let message = plan.stored[i].0.clone();
            let _ = reply.send(Ok(Appended { message, created }));
        }
    }
}

fn fail_all(plans: HashMap<ConversationId, Plan>, e: &RepoError) {
    for plan in plans.into_values() {
        for (reply, _, _) in plan.replies {
            let _ = reply.send(Err(e.clone()));
        }
    }
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
                .then(|| (conv, clients_in(state, &f), f))
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

fn new_plan(state: Option<&ConvState>, stem: Stem) -> Plan {
    let files: Vec<FileInfo> = state
        .and_then(|s| s.files.last().cloned())
        .into_iter()
        .collect();
    let lens_before = files.iter().map(|f| f.len).collect();
    Plan {
        next_seq: state.map_or(0, |s| s.last_seq) + 1,
        bufs: vec![Vec::new(); files.len()],
        continued: !files.is_empty(),
        files,
        lens_before,
        stored: Vec::new(),
        replies: Vec::new(),
        pending: HashMap::new(),
        stem: state.and_then(|s| s.stem).unwrap_or(stem),
        failed: None,
    }
}

/// The file a line of `len` bytes for `date` goes to: the current one, or a new part or
/// day file when the date moved on or the current one is full.
fn target_file(plan: &mut Plan, shared: &Shared, config: &TxtConfig, date: u32, len: u64) -> usize {
    if let Some(i) = plan.files.len().checked_sub(1) {
        let f = &plan.files[i];
        let size = f.len + plan.bufs[i].len() as u64;
        // A clock that steps back keeps writing today's file rather than reopen an old one.
        let same_day = date <= f.date;
        if same_day && (size == 0 || size + len <= config.max_file_bytes) {
            return i;
        }
    }
    let (date, part) = match plan.files.last() {
        Some(f) if date <= f.date => (f.date, f.part + 1),
        _ => (date, 0),
    };
    let path = plan.stem.path(&shared.root, date, part);
    plan.files.push(FileInfo {
        path,
        date,
        part,
        first_seq: 0,
        last_seq: 0,
        len: 0,
        sparse: Vec::new(),
        compressed: false,
    });
    plan.bufs.push(Vec::new());
    plan.lens_before.push(0);
    plan.files.len() - 1
}

/// The committed message with this client key, read back to rule out a hash collision.
fn committed(
    shared: &Shared,
    state: &ConvState,
    draft: &NewMessage,
    key: u64,
) -> Option<Result<Message, RepoError>> {
    for &seq in state.client_ids.get(&key)? {
        let found = read::plan(state, seq, seq)
            .and_then(|segs| read::read(&segs, seq, seq, &shared.archives));
        match found {
            Ok(mut v) => {
                let m = v.pop()?;
                if m.sender_id == draft.sender_id && m.client_msg_id == draft.client_msg_id {
                    return Some(Ok(m));
                }
            }
            Err(e) => return Some(Err(e)),
        }
    }
    None
}

pub(crate) fn clients_in(state: &ConvState, f: &FileInfo) -> Vec<(u64, u64)> {
    state
        .client_ids
        .iter()
        .flat_map(|(k, seqs)| seqs.iter().map(move |s| (*k, *s)))
        .filter(|(_, s)| *s >= f.first_seq && *s <= f.last_seq)
        .collect()
}

/// Saves the sidecar of each conversation's last file (on a clean shutdown).
pub fn save_active_sidecars(shared: &Shared) {
    let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
    for (conv, state) in index.iter().filter(|(_, s)| s.damaged.is_empty()) {
        if let Some(f) = state.files.last() {
            if f.len > 0 {
                write_sidecar(*conv, f, clients_in(state, f), state.last_message.as_ref());
            }
        }
    }
}
