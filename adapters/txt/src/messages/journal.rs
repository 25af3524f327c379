//! The write-ahead journal behind group commit. Each batch's records go to the
//! conversation files (through the page cache) and to `chat/journal` in one write, and
//! the journal alone is `fdatasync`'d before the acks: one sync per batch, however many
//! conversations it touched. Every so often a checkpoint syncs the conversation files
//! and empties the journal. At startup, records the conversation files lack (lost with
//! the page cache in a power cut) are replayed from it.
//!
//! A journal line is `<crc32> <relative path>\t<record json>\n`.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chat_domain::entities::Message;
use chat_domain::RepoError;

use super::index::{client_key, ConvState, FileInfo, Index};
use super::layout::{date_and_part, Stem};
use crate::{io_error, line, records};

/// Checkpoint when the journal grows past this.
const CHECKPOINT_BYTES: u64 = 32 * 1024 * 1024;

pub struct Journal {
    path: PathBuf,
    file: File,
    len: u64,
    /// A failed write could not be taken back: the journal's end is unknown.
    poisoned: bool,
    /// Conversation files written since the last checkpoint, and the dirs of new ones.
    dirty: HashSet<PathBuf>,
    new_dirs: HashSet<PathBuf>,
}

impl Journal {
    pub fn open(root: &Path) -> Result<Self, RepoError> {
        let path = root.join("journal");
        let file = crate::private::options()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| io_error("open", &path, e))?;
        let len = file
            .metadata()
            .map_err(|e| io_error("stat", &path, e))?
            .len();
        Ok(Self {
            path,
            file,
            len,
            poisoned: false,
            dirty: HashSet::new(),
            new_dirs: HashSet::new(),
        })
    }

    /// Adds a record for the conversation file `file` to `buf`.
    pub fn encode(root: &Path, file: &Path, json: &[u8], buf: &mut Vec<u8>) {
        let rel = file.strip_prefix(root).unwrap_or(file).to_string_lossy();
        let mut body = Vec::with_capacity(rel.len() + 1 + json.len());
        body.extend_from_slice(rel.as_bytes());
        body.push(b'\t');
        body.extend_from_slice(json);
        line::encode(&body, buf);
    }

    /// Writes a batch's records and syncs them: the batch is durable when this returns.
    pub fn commit(
        &mut self,
        buf: &[u8],
        files: impl IntoIterator<Item = PathBuf>,
        new_dirs: impl IntoIterator<Item = PathBuf>,
    ) -> Result<(), RepoError> {
        let before = self.len;
        let done = self
            .file
            .write_all(buf)
            .and_then(|()| self.file.sync_data());
        if let Err(e) = done {
            if self.file.set_len(before).is_err() {
                self.poisoned = true;
            }
            return Err(io_error("append", &self.path, e));
        }
        self.len += buf.len() as u64;
        self.dirty.extend(files);
        self.new_dirs.extend(new_dirs);
        Ok(())
    }

    /// Whether a failed write could not be taken back.
    pub fn poisoned(&self) -> bool {
        self.poisoned
    }

    /// Whether every record is also in synced conversation files.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn wants_checkpoint(&self) -> bool {
        self.len >= CHECKPOINT_BYTES
    }

    /// Syncs every conversation file written since the last checkpoint, then empties the
    /// journal. `sync` syncs a set of files (in parallel).
    pub fn checkpoint(
        &mut self,
        sync: impl FnOnce(&[PathBuf]) -> Result<(), RepoError>,
    ) -> Result<(), RepoError> {
        if self.len == 0 {
            return Ok(());
        }
        let files: Vec<PathBuf> = self.dirty.iter().cloned().collect();
        sync(&files)?;
        // Clear only once every directory is synced, so a failure retries them all.
        for dir in &self.new_dirs {
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(|e| io_error("sync", dir, e))?;
        }
        self.new_dirs.clear();
        self.file
            .set_len(0)
            .and_then(|()| self.file.sync_all())
            .map_err(|e| io_error("truncate", &self.path, e))?;
        self.len = 0;
        self.dirty.clear();
        Ok(())
    }
}

/// Appends to the conversation files the journal records they lack, and updates the
/// index to match. Run at startup, after the files were scanned.
pub fn replay(root: &Path, index: &mut Index, total: &mut u64) -> Result<(), RepoError> {
    let path = root.join("journal");
    let Ok(bytes) = fs::read(&path) else {
        return Ok(());
    };
    let mut repaired = HashSet::new();
    let mut referenced = HashSet::new();
    for (offset, raw) in line::lines(&bytes) {
        let Ok(body) = line::decode(raw) else {
            // The last, torn batch: never acked.
            tracing::warn!(path = %path.display(), byte = offset, "ignoring a torn journal tail");
            break;
        };
        let Some(tab) = body.iter().position(|b| *b == b'\t') else {
            break;
        };
        let (rel, json) = (&body[..tab], &body[tab + 1..]);
        let Ok(m) = records::decode_message(json) else {
            break;
        };
        let file = root.join(String::from_utf8_lossy(rel).as_ref());
        referenced.insert(file.clone());
        let state = index.entry(m.conversation_id).or_default();
        let seq = m.seq.get();
        // Judge the record by its own file: a power cut can cost one file its tail while
        // a later file kept its records, so the conversation's last seq says nothing.
        let known = state.files.iter().position(|f| f.path == file);
        let file_last = known.map_or(0, |i| state.files[i].last_seq);
        if file_last >= seq {
            continue;
        }
        if file_last != 0 && seq != file_last + 1 {
            tracing::error!(path = %file.display(), seq, file_last, "journal record does not follow its file");
            continue;
        }
        let mut rec = Vec::with_capacity(json.len() + 10);
        line::encode(json, &mut rec);
        if let Some(dir) = file.parent() {
            crate::private::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
        }
        let mut f = crate::private::options()
            .create(true)
            .append(true)
            .open(&file)
            .map_err(|e| io_error("open", &file, e))?;
        let at = f.metadata().map_err(|e| io_error("stat", &file, e))?.len();
        f.write_all(&rec)
            .map_err(|e| io_error("append", &file, e))?;
        note(state, &file, &m, at, rec.len() as u64, root);
        repaired.insert(file);
    }
    *total = index.values().map(|s| s.last_seq).sum();
    for file in &repaired {
        tracing::warn!(path = %file.display(), "restored records from the journal");
    }
    // What the journal covers may still sit unsynced in the page cache (after a process
    // crash): make it durable before the journal is emptied.
    for file in referenced.iter().filter(|f| f.exists()) {
        File::open(file)
            .and_then(|f| f.sync_all())
            .map_err(|e| io_error("sync", file, e))?;
        if let Some(dir) = file.parent() {
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(|e| io_error("sync", dir, e))?;
        }
    }
    crate::private::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(0).and_then(|()| f.sync_all()))
        .map_err(|e| io_error("truncate", &path, e))?;
    Ok(())
}

fn note(state: &mut ConvState, file: &Path, m: &Message, at: u64, len: u64, root: &Path) {
    if state.stem.is_none() {
        state.stem = Some(if file.starts_with(root.join("private")) {
            stem_from_private(file).unwrap_or(Stem::Group(m.conversation_id))
        } else {
            Stem::Group(m.conversation_id)
        });
    }
    let i = match state.files.iter().position(|f| f.path == file) {
        Some(i) => i,
        None => {
            let (date, part) = date_and_part(file).unwrap_or((0, 0));
            let info = FileInfo {
                path: file.to_owned(),
                date,
                part,
                first_seq: 0,
                last_seq: 0,
                len: at,
                sparse: Vec::new(),
                compressed: false,
            };
            let i = state
                .files
                .partition_point(|f| (f.date, f.part) < (date, part));
            state.files.insert(i, info);
            i
        }
    };
    let seq = m.seq.get();
    state.files[i].push(seq, at, len);
    if let Some(c) = &m.client_msg_id {
        state.note_client(client_key(m.sender_id, c), seq);
    }
    // A hole the scan marked damaged is filled now.
    state.damaged = std::mem::take(&mut state.damaged)
        .into_iter()
        .flat_map(|(a, b)| {
            if seq < a || seq > b {
                vec![(a, b)]
            } else {
                [(a, seq.saturating_sub(1)), (seq + 1, b)]
                    .into_iter()
                    .filter(|(x, y)| x <= y)
                    .collect()
            }
        })
        .collect();
    if seq >= state.last_seq {
        state.last_seq = seq;
        state.last_message = Some(m.clone());
    }
}

fn stem_from_private(file: &Path) -> Option<Stem> {
    super::layout::private_stem(file)
}
