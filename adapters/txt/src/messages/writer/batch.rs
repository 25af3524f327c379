//! One batch of appends, committed in phases: [`plan`] assigns seqs and lays out the
//! lines, [`journal`] makes them durable in one write and one sync, [`write_files`] puts
//! them in their conversation files, [`roll_back`] takes back a failed write, and
//! [`publish`] shows them to readers and answers each append.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use chrono::Datelike;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::ids::ConversationId;
use chat_domain::ports::Appended;
use chat_domain::values::Seq;
use chat_domain::RepoError;

use super::{AppendReq, Handles, Reply, Work};
use crate::config::TxtConfig;
use crate::messages::index::{client_key, ConvState, FileInfo};
use crate::messages::journal::Journal;
use crate::messages::layout::Stem;
use crate::messages::{read, Shared};
use crate::{io_error, line, records};

/// Where one stored message's line goes.
struct Placed {
    message: Message,
    /// Its file, an index into [`Plan::files`].
    file: usize,
    /// Its offset in that file.
    offset: u64,
    /// Its line's length.
    len: u64,
}

/// An answer owed: the message at `placed` (an index into [`Plan::placed`]), and whether
/// this append stored it (`false` for a retry answered by an earlier one in the batch).
struct Owed {
    reply: Reply,
    placed: usize,
    created: bool,
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
    placed: Vec<Placed>,
    owed: Vec<Owed>,
    /// Client key → index into `placed`, for retries within the batch.
    pending: HashMap<u64, usize>,
    stem: Stem,
    failed: Option<RepoError>,
}

/// A batch's plans by conversation.
type Plans = HashMap<ConversationId, Plan>;

/// The files a batch writes, and the directories it creates.
struct Touched {
    files: Vec<PathBuf>,
    dirs: HashSet<PathBuf>,
}

/// Commits one batch; every append in it is answered.
pub(super) fn commit(shared: &Shared, config: &TxtConfig, w: &mut Work<'_>, batch: Vec<AppendReq>) {
    if let Some(e) = w.broken.as_ref() {
        for req in batch {
            let _ = req.reply.send(Err(e.clone()));
        }
        return;
    }
    let mut plans = plan(shared, config, batch);
    let touched = touched(&plans);
    // With the journal (fsync=always), the batch is durable there before its lines go to
    // the conversation files: a line in a file is always in the synced journal too, until
    // a checkpoint has synced the file itself.
    let journaled = match journal(shared, &plans, &touched, w) {
        Ok(journaled) => journaled,
        Err(e) => return fail_all(plans, &e),
    };
    if let Err(e) = write_files(&mut plans, w.handles) {
        if journaled {
            // Durable in the journal but not in its files: the next start replays it.
            // Until then, no append may take the seqs it holds.
            *w.broken = Some(RepoError::Unavailable(format!(
                "{e}; restart to recover from the journal"
            )));
            return fail_all(plans, &e);
        }
        roll_back(&mut plans, w);
    }
    if !journaled {
        w.unsynced.extend(touched.files);
    }
    publish(shared, plans, w.closed);
}

/// Assigns each new message its seq and file, encodes its line, and answers retries of
/// committed messages at once.
fn plan(shared: &Shared, config: &TxtConfig, batch: Vec<AppendReq>) -> Plans {
    let mut plans = Plans::new();
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
                let earlier = &plan.placed[i].message;
                if earlier.client_msg_id.as_ref() == Some(cid)
                    && earlier.sender_id == req.draft.sender_id
                {
                    plan.owed.push(Owed {
                        reply: req.reply,
                        placed: i,
                        created: false,
                    });
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
            plan.pending.insert(key, plan.placed.len());
        }
        place(plan, shared, config, req);
    }
    plans
}

/// Lays out one new message at the plan's next seq.
fn place(plan: &mut Plan, shared: &Shared, config: &TxtConfig, req: AppendReq) {
    let date = date_of(&req.draft);
    let message = req.draft.at(Seq::after(plan.next_seq - 1));
    plan.next_seq += 1;
    let mut bytes = Vec::with_capacity(256);
    line::encode(&records::encode_message(&message), &mut bytes);
    let len = bytes.len() as u64;
    let file = target_file(plan, shared, config, date, len);
    let offset = plan.files[file].len + plan.bufs[file].len() as u64;
    plan.bufs[file].extend_from_slice(&bytes);
    plan.placed.push(Placed {
        message,
        file,
        offset,
        len,
    });
    plan.owed.push(Owed {
        reply: req.reply,
        placed: plan.placed.len() - 1,
        created: true,
    });
}

fn date_of(m: &NewMessage) -> u32 {
    let d = m.created_at.date_naive();
    d.year() as u32 * 10_000 + d.month() * 100 + d.day()
}

fn touched(plans: &Plans) -> Touched {
    let mut t = Touched {
        files: Vec::new(),
        dirs: HashSet::new(),
    };
    for plan in plans.values() {
        for fi in (0..plan.files.len()).filter(|fi| !plan.bufs[*fi].is_empty()) {
            let path = &plan.files[fi].path;
            if fi > 0 || !plan.continued {
                if let Some(dir) = path.parent() {
                    t.dirs.insert(dir.to_owned());
                }
            }
            t.files.push(path.clone());
        }
    }
    t
}

/// Writes the batch's records to the journal in one write and one sync, if there is a
/// journal; whether it did.
fn journal(
    shared: &Shared,
    plans: &Plans,
    touched: &Touched,
    w: &mut Work<'_>,
) -> Result<bool, RepoError> {
    let Some(j) = w.journal.as_mut() else {
        return Ok(false);
    };
    let mut records = Vec::new();
    for plan in plans.values() {
        for p in &plan.placed {
            let start = (p.offset - plan.files[p.file].len) as usize;
            let rec = &plan.bufs[p.file][start..start + p.len as usize];
            // A record is `<crc> <json>\n`: the journal keeps the json.
            Journal::encode(
                &shared.root,
                &plan.files[p.file].path,
                &rec[9..rec.len() - 1],
                &mut records,
            );
        }
    }
    if records.is_empty() {
        return Ok(false);
    }
    match j.commit(
        &records,
        touched.files.iter().cloned(),
        touched.dirs.clone(),
    ) {
        Ok(()) => Ok(true),
        Err(e) => {
            if j.poisoned() {
                *w.broken = Some(RepoError::Unavailable(format!(
                    "the journal could not be rolled back ({e}); restart to recover"
                )));
            }
            Err(e)
        }
    }
}

/// Appends each plan's lines to their files, one write per file; the first failure.
/// A plan whose write failed is marked so, and is answered with its error.
fn write_files(plans: &mut Plans, handles: &mut Handles) -> Result<(), RepoError> {
    let mut first = Ok(());
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
                if first.is_ok() {
                    first = Err(e);
                }
                break;
            }
        }
    }
    first
}

/// Without a journal, takes back from the files what a failed plan wrote; a file that
/// cannot be cut back breaks the writer until a restart recovers it.
fn roll_back(plans: &mut Plans, w: &mut Work<'_>) {
    for plan in plans.values_mut().filter(|p| p.failed.is_some()) {
        for fi in (0..plan.files.len()).filter(|fi| !plan.bufs[*fi].is_empty()) {
            let undone = w
                .handles
                .get(&plan.files[fi].path)
                .and_then(|f| f.set_len(plan.lens_before[fi]));
            if let Err(u) = undone {
                *w.broken = Some(RepoError::Unavailable(format!(
                    "a failed write could not be taken back ({u}); restart to recover"
                )));
            }
        }
    }
    w.handles.clear();
}

/// Shows the written messages to readers (index, totals, last messages) and answers
/// every append; files finished by the batch wait in `closed` for their sidecars.
fn publish(shared: &Shared, plans: Plans, closed: &mut Vec<(ConversationId, FileInfo)>) {
    let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
    for (conv, mut plan) in plans {
        if let Some(e) = plan.failed.take() {
            for owed in plan.owed {
                let _ = owed.reply.send(Err(e.clone()));
            }
            continue;
        }
        let state = index.entry(conv).or_default();
        state.stem.get_or_insert(plan.stem);
        for p in &plan.placed {
            plan.files[p.file].push(p.message.seq.get(), p.offset, p.len);
            if let Some(c) = &p.message.client_msg_id {
                state.note_client(client_key(p.message.sender_id, c), p.message.seq.get());
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
        if let Some(p) = plan.placed.last() {
            state.last_message = Some(p.message.clone());
            // Under the index lock that shows the messages (see `Stamps`).
            shared.stamps.bump(conv);
        }
        shared
            .total
            .fetch_add(plan.placed.len() as u64, Ordering::Relaxed);
        for owed in plan.owed {
            let message = plan.placed[owed.placed].message.clone();
            let _ = owed.reply.send(Ok(Appended {
                message,
                created: owed.created,
            }));
        }
    }
}

fn fail_all(plans: Plans, e: &RepoError) {
    for plan in plans.into_values() {
        for owed in plan.owed {
            let _ = owed.reply.send(Err(e.clone()));
        }
    }
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
        placed: Vec::new(),
        owed: Vec::new(),
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
