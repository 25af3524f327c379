//! Archiving: closed message files dated more than N days ago are compressed into
//! `<file>.txt.gz` beside them, as the seed system archives old chat files. History reads
//! them through a small cache of decompressed files.
//!
//! A conversation's last file is never archived (the writer may still append to it), so
//! archiving never races a write. The archive is written to a temporary file, synced and
//! renamed; only then does the index point at it, and the original is removed a little
//! later (readers that planned a read of it just before have finished by then). A crash
//! in between leaves both files; startup keeps the archive and drops the original.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use chrono::Datelike;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::index::FileInfo;
use super::sidecar::{sidecar_path, write_sidecar};
use super::Shared;
use crate::io_error;

/// How often the archiver looks for files to archive.
const EVERY: Duration = Duration::from_secs(600);
/// How long an archived original stays after the index moved on.
const GRACE: Duration = Duration::from_secs(1);

/// The `.gz` path of a message file.
pub fn gz_path(file: &Path) -> PathBuf {
    PathBuf::from(format!("{}.gz", file.display()))
}

/// Decompressed archives, most recent first: paging back through old history reads the
/// same archive many times.
#[derive(Default)]
pub struct Cache(Mutex<VecDeque<(PathBuf, Arc<Vec<u8>>)>>);

impl Cache {
    pub fn get(&self, path: &Path) -> Result<Arc<Vec<u8>>, RepoError> {
        let mut c = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = c.iter().position(|(p, _)| p == path) {
            let hit = c.remove(i).expect("found above");
            let bytes = hit.1.clone();
            c.push_front(hit);
            return Ok(bytes);
        }
        drop(c);
        let bytes = Arc::new(decompress(path)?);
        let mut c = self.0.lock().unwrap_or_else(|e| e.into_inner());
        c.push_front((path.to_owned(), bytes.clone()));
        c.truncate(4);
        Ok(bytes)
    }
}

impl Cache {
    /// Drops a file's decompressed copy (after the file was rewritten).
    pub fn forget(&self, path: &Path) {
        let mut c = self.0.lock().unwrap_or_else(|e| e.into_inner());
        c.retain(|(p, _)| p != path);
    }
}

pub fn decompress(path: &Path) -> Result<Vec<u8>, RepoError> {
    let f = File::open(path).map_err(|e| io_error("open", path, e))?;
    let mut out = Vec::new();
    GzDecoder::new(f)
        .read_to_end(&mut out)
        .map_err(|e| RepoError::Corrupt(format!("{}: {e}", path.display())))?;
    Ok(out)
}

/// Runs until the store is dropped: archives eligible files now and every few minutes.
pub fn run(shared: Weak<Shared>, after_days: u32) {
    loop {
        let Some(s) = shared.upgrade() else { return };
        if s.closed.load(std::sync::atomic::Ordering::Acquire) {
            return;
        }
        let due = eligible(&s, after_days);
        drop(s);
        for (conv, info) in due {
            let Some(s) = shared.upgrade() else { return };
            if s.closed.load(std::sync::atomic::Ordering::Acquire) {
                return;
            }
            // Never beside an erasure pass, until the original is gone too: a pass could
            // erase the archive while the original still holds the text. (Passes queue
            // fairly, so one waits for one file at most.)
            let turn = s.rewriting.blocking_lock();
            match archive(&s, conv, &info) {
                Ok(()) => {
                    std::thread::sleep(GRACE);
                    let _ = fs::remove_file(&info.path);
                    let _ = fs::remove_file(sidecar_path(&info.path));
                    tracing::info!(path = %info.path.display(), "archived");
                }
                Err(e) => {
                    tracing::warn!(path = %info.path.display(), error = %e, "archiving failed")
                }
            }
            drop(turn);
        }
        for _ in 0..EVERY.as_secs() {
            let closed = shared
                .upgrade()
                .is_none_or(|s| s.closed.load(std::sync::atomic::Ordering::Acquire));
            if closed {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    }
}

fn eligible(shared: &Shared, after_days: u32) -> Vec<(ConversationId, FileInfo)> {
    let cutoff = chrono::Utc::now().date_naive() - chrono::Days::new(u64::from(after_days));
    let cutoff = cutoff.year() as u32 * 10_000 + cutoff.month() * 100 + cutoff.day();
    let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
    index
        .iter()
        .flat_map(|(conv, state)| {
            let closed = &state.files[..state.files.len().saturating_sub(1)];
            closed
                .iter()
                .filter(|f| !f.compressed && f.date < cutoff && f.len > 0)
                .map(|f| (*conv, f.clone()))
        })
        .collect()
}

fn archive(shared: &Shared, conv: ConversationId, info: &FileInfo) -> Result<(), RepoError> {
    let gz = gz_path(&info.path);
    let tmp = PathBuf::from(format!("{}.tmp", gz.display()));
    let bytes = fs::read(&info.path).map_err(|e| io_error("read", &info.path, e))?;
    // Only what the index covers is archived: it is every acked record of a closed file.
    let body = &bytes[..(info.len as usize).min(bytes.len())];
    let write = || -> std::io::Result<()> {
        let mut enc = GzEncoder::new(
            crate::private::create(&tmp)?,
            flate2::Compression::default(),
        );
        enc.write_all(body)?;
        enc.finish()?.sync_all()?;
        fs::rename(&tmp, &gz)?;
        if let Some(dir) = gz.parent() {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    };
    write().map_err(|e| io_error("archive", &gz, e))?;
    let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
    let Some(state) = index.get_mut(&conv) else {
        return Ok(());
    };
    let Some(f) = state.files.iter_mut().find(|f| f.path == info.path) else {
        return Ok(());
    };
    f.path = gz.clone();
    f.compressed = true;
    let archived = f.clone();
    let clients = state.clients_in(&archived);
    drop(index);
    write_sidecar(conv, &archived, clients, None);
    Ok(())
}
