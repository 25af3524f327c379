//! Putting a rewritten message file in place of the old one, durably: what an erasure
//! pass hands the writer, and the renames both make.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use chat_domain::RepoError;

use super::index::FileInfo;
use super::sidecar::sidecar_path;
use crate::io_error;

/// One file rewritten: its acked bytes with the tombstones' lines erased, in `tmp`.
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

/// Puts a rewritten file in place of the old one: its saved index goes first (it may
/// hold the file's last message as first written; a lost one costs a rescan).
pub fn put_in_place(r: &Rewrite) -> Result<(), RepoError> {
    let sidecar = sidecar_path(&r.info.path);
    match fs::remove_file(&sidecar) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error("remove", &sidecar, e)),
    }
    rename_synced(&r.tmp, &r.info.path)
}

/// Renames `tmp` over `path` and syncs the directory, so the rename survives a power cut.
pub fn rename_synced(tmp: &Path, path: &Path) -> Result<(), RepoError> {
    fs::rename(tmp, path).map_err(|e| io_error("rename", path, e))?;
    sync_parent(path)
}

/// Syncs the directory holding `path`.
pub fn sync_parent(path: &Path) -> Result<(), RepoError> {
    match path.parent() {
        Some(dir) => File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| io_error("sync", dir, e)),
        None => Ok(()),
    }
}
