//! Erasure: once a message is a tombstone, what it said leaves the disk. Its line in its
//! day file (or archive) is rewritten without its body, mentions and forward, padded
//! with spaces to its old length so every offset the index holds stays true; the file
//! is rewritten whole to a temporary file, synced and renamed over the old one, so a
//! crash at any point leaves the old file or the new one, never a mix. Then
//! `changes.txt` is compacted to each message's latest line (an edit's earlier text goes
//! with it) and the journal is emptied. [`super::TxtMessages`] runs a pass when asked
//! (`erase_tombstones`); what a pass could not finish stays due for the next.

use std::collections::{BTreeSet, HashMap};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use flate2::write::GzEncoder;
use serde::Deserialize;

use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use tokio::sync::oneshot;

use chat_domain::ports::Erased;

use super::archive;
use super::index::FileInfo;
use super::sidecar::sidecar_path;
use super::writer::Command;
use super::{writer_gone, Shared, TxtMessages};
use crate::{io_error, line, records};

impl TxtMessages {
    /// One pass at a time (the archiver waits too); files one by one, so appends wait
    /// for one file's swap at most.
    pub(super) async fn erase_pass(&self) -> Result<Erased, RepoError> {
        let _turn = self.shared.rewriting.lock().await;
        let due = plan(&self.shared);
        if due.is_empty() {
            return Ok(Erased::default());
        }
        let (mut done, mut failure) = (Erased::default(), None);
        let mut passed = Vec::with_capacity(due.len());
        for (id, info, seqs) in due {
            match self.erase_in(id, info, seqs.clone()).await {
                Ok(e) => {
                    done.messages += e.messages;
                    done.bytes_rewritten += e.bytes_rewritten;
                    passed.push((id, seqs));
                }
                Err(e) => {
                    retry(&self.shared, id, seqs);
                    failure = Some(e);
                }
            }
        }
        match self.compact_after_erasing().await {
            Ok(written) => done.bytes_rewritten += written,
            Err(e) => {
                // Their earlier text may still be in `changes.txt` or the journal.
                for (id, seqs) in passed {
                    retry(&self.shared, id, seqs);
                }
                failure = Some(e);
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(done),
        }
    }

    /// Erases the due seqs of one file: rewritten off the writer, put in place by it.
    async fn erase_in(
        &self,
        id: ConversationId,
        info: FileInfo,
        seqs: BTreeSet<u64>,
    ) -> Result<Erased, RepoError> {
        let rewrite = tokio::task::spawn_blocking(move || rewrite(id, &info, &seqs))
            .await
            .map_err(|_| interrupted())??;
        let Some(rewrite) = rewrite else {
            return Ok(Erased::default());
        };
        if rewrite.info.compressed {
            let (shared, r) = (self.shared.clone(), rewrite.clone());
            tokio::task::spawn_blocking(move || replace_archive(&shared, &r))
                .await
                .map_err(|_| interrupted())??;
        } else {
            let (done, wait) = oneshot::channel();
            self.send(Command::Swap(Box::new(rewrite.clone()), done))?;
            wait.await.map_err(|_| writer_gone())??;
        }
        after_rewrite(&self.shared, id, &rewrite);
        Ok(Erased {
            messages: rewrite.seqs.len() as u64,
            bytes_rewritten: rewrite.covers,
        })
    }

    /// Compacts `changes.txt`, then has the writer empty the journal.
    async fn compact_after_erasing(&self) -> Result<u64, RepoError> {
        let changes = self.changes.clone();
        let written = tokio::task::spawn_blocking(move || {
            changes.lock().unwrap_or_else(|e| e.into_inner()).compact()
        })
        .await
        .map_err(|_| interrupted())??;
        let (done, wait) = oneshot::channel();
        self.send(Command::Checkpoint(done))?;
        wait.await.map_err(|_| writer_gone())??;
        Ok(written)
    }
}

fn interrupted() -> RepoError {
    RepoError::Unavailable("the erasure was interrupted".into())
}

/// Seqs whose former content is still on disk, by conversation.
#[derive(Default)]
pub struct Due(Mutex<HashMap<ConversationId, BTreeSet<u64>>>);

impl Due {
    pub fn add(&self, id: ConversationId, seq: u64) {
        self.lock().entry(id).or_default().insert(seq);
    }

    fn take(&self) -> HashMap<ConversationId, BTreeSet<u64>> {
        std::mem::take(&mut *self.lock())
    }

    fn put_back(&self, id: ConversationId, seqs: BTreeSet<u64>) {
        self.lock().entry(id).or_default().extend(seqs);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ConversationId, BTreeSet<u64>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One file to rewrite: its acked bytes with the tombstones' lines erased.
#[derive(Clone)]
pub struct Rewrite {
    pub info: FileInfo,
    /// The new file, synced, beside the old one.
    pub tmp: PathBuf,
    /// How many bytes of the old file `tmp` replaces (the writer copies the rest).
    pub covers: u64,
    /// The messages erased in it.
    pub seqs: Vec<u64>,
}

/// A temporary file a pass writes: removed at start if a crash left it.
pub fn tmp_path(file: &Path) -> PathBuf {
    PathBuf::from(format!("{}.erase.tmp", file.display()))
}

/// The files holding each due seq, by conversation.
pub fn plan(shared: &Shared) -> Vec<(ConversationId, FileInfo, BTreeSet<u64>)> {
    let due = shared.erasing.take();
    let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::new();
    for (id, seqs) in due {
        let Some(state) = index.get(&id) else {
            continue;
        };
        for f in &state.files {
            let inside: BTreeSet<u64> = seqs
                .range(f.first_seq.max(1)..=f.last_seq)
                .copied()
                .collect();
            if f.first_seq != 0 && !inside.is_empty() {
                out.push((id, f.clone(), inside));
            }
        }
    }
    out
}

/// Gives seqs a pass could not erase back to the next one.
pub fn retry(shared: &Shared, id: ConversationId, seqs: BTreeSet<u64>) {
    shared.erasing.put_back(id, seqs);
}

#[derive(Deserialize)]
struct SeqOf {
    conversation_id: uuid::Uuid,
    seq: u64,
}

/// Erases `seqs` of `id` in the file `info` into a synced temporary file. `None` when
/// there is nothing left to erase in it (done by an earlier pass).
///
/// # Errors
/// `Unavailable` if the file cannot be read or the new one written; `Corrupt` if an
/// erased line would not fit where the old one was.
pub fn rewrite(
    id: ConversationId,
    info: &FileInfo,
    seqs: &BTreeSet<u64>,
) -> Result<Option<Rewrite>, RepoError> {
    let mut bytes = if info.compressed {
        archive::decompress(&info.path)?
    } else {
        fs::read(&info.path).map_err(|e| io_error("read", &info.path, e))?
    };
    // Acked bytes only: a line past them may still be cut off by a failed write.
    bytes.truncate((info.len as usize).min(bytes.len()));
    let mut erased = Vec::new();
    let mut at = Vec::new();
    for (offset, raw) in line::lines(&bytes) {
        let Ok(json) = line::decode(raw) else {
            continue;
        };
        let Ok(head) = serde_json::from_slice::<SeqOf>(json) else {
            continue;
        };
        if head.conversation_id != *id.as_uuid() || !seqs.contains(&head.seq) {
            continue;
        }
        if let Some(new) = erase_line(json)? {
            at.push((offset, new));
            erased.push(head.seq);
        }
    }
    if erased.is_empty() {
        return Ok(None);
    }
    for (offset, new) in at {
        bytes[offset..offset + new.len()].copy_from_slice(&new);
    }
    let tmp = tmp_path(&info.path);
    write_synced(&tmp, &bytes, info.compressed).map_err(|e| io_error("write", &tmp, e))?;
    Ok(Some(Rewrite {
        info: info.clone(),
        tmp,
        covers: bytes.len() as u64,
        seqs: erased,
    }))
}

/// The line for `json` with the message's content erased, as long as the old line;
/// `None` if there is nothing to erase.
fn erase_line(json: &[u8]) -> Result<Option<Vec<u8>>, RepoError> {
    let mut m = records::decode_message(json).map_err(RepoError::Corrupt)?;
    if m.body.as_str().is_empty() && m.mentions.is_empty() && m.forwarded.is_none() {
        return Ok(None);
    }
    m.body = chat_domain::values::MessageBody::from_stored(String::new());
    m.mentions.clear();
    m.forwarded = None;
    let mut new = records::encode_message(&m);
    if new.len() > json.len() {
        return Err(RepoError::Corrupt(format!(
            "message {} of {}: its erased record is longer than the original",
            m.seq, m.conversation_id
        )));
    }
    // JSON ends at its last brace; the spaces after it are whitespace to a reader.
    new.resize(json.len(), b' ');
    let mut out = Vec::with_capacity(json.len() + 10);
    line::encode(&new, &mut out);
    Ok(Some(out))
}

fn write_synced(path: &Path, bytes: &[u8], gzip: bool) -> std::io::Result<()> {
    let file = crate::private::create(path)?;
    let file = if gzip {
        let mut enc = GzEncoder::new(file, flate2::Compression::default());
        enc.write_all(bytes)?;
        enc.finish()?
    } else {
        let mut file = file;
        file.write_all(bytes)?;
        file
    };
    file.sync_all()
}

/// Puts an archive's rewrite in place (archives are never appended to, so no writer
/// is involved).
pub fn replace_archive(shared: &Shared, r: &Rewrite) -> Result<(), RepoError> {
    rename_synced(&r.tmp, &r.info.path)?;
    shared.archives.forget(&r.info.path);
    Ok(())
}

/// Renames `tmp` over `path` and syncs the directory, so the rename survives a power cut.
pub fn rename_synced(tmp: &Path, path: &Path) -> Result<(), RepoError> {
    fs::rename(tmp, path).map_err(|e| io_error("rename", path, e))?;
    if let Some(dir) = path.parent() {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| io_error("sync", dir, e))?;
    }
    Ok(())
}

/// After a rewrite: the index's copy of the conversation's last message loses its
/// content too, and the file's sidecar (which may hold that message) goes.
pub fn after_rewrite(shared: &Shared, id: ConversationId, r: &Rewrite) {
    let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
    let Some(state) = index.get_mut(&id) else {
        return;
    };
    let Some(last) = state.last_message.as_mut() else {
        return;
    };
    if r.seqs.contains(&last.seq.get()) {
        last.body = chat_domain::values::MessageBody::from_stored(String::new());
        last.mentions.clear();
        last.forwarded = None;
        drop(index);
        // A lost sidecar only costs a rescan at the next start.
        let _ = fs::remove_file(sidecar_path(&r.info.path));
    }
}

/// Removes temporary files a crash left in `dir` (recursively): the old files they
/// were to replace are still in place.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            remove_leftovers(&path);
        } else if path.to_string_lossy().ends_with(".erase.tmp") {
            let _ = fs::remove_file(&path);
        }
    }
}
