//! Released files: a marker under `released/` while a file waits to be settled, and the
//! deletion that settles one no message references any more.

use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::Path;
use std::sync::Mutex;

use chat_domain::entities::FileMeta;
use chat_domain::ids::{ConversationId, FileId};
use chat_domain::RepoError;

use crate::{io, load, write_atomically, LocalFiles};

fn marker(dir: &Path, id: FileId) -> std::path::PathBuf {
    dir.join("released").join(id.to_string())
}

/// Notes the release durably (an existing marker stays).
pub(crate) fn note(dir: &Path, id: FileId) -> Result<(), RepoError> {
    write_atomically(dir, &marker(dir, id), &[], false)
}

pub(crate) fn list(dir: &Path) -> Result<Vec<FileId>, RepoError> {
    let path = dir.join("released");
    let entries = fs::read_dir(&path).map_err(|e| io("list", &path, e))?;
    Ok(entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect())
}

/// Removes the marker saying `conversation` references `id`, durably.
pub(crate) fn unreference(
    dir: &Path,
    id: FileId,
    conversation: ConversationId,
) -> Result<(), RepoError> {
    let refs = dir.join("refs").join(id.to_string());
    remove(&refs.join(conversation.to_string()))?;
    match File::open(&refs) {
        Ok(d) => d.sync_all().map_err(|e| io("sync", &refs, e)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io("open", &refs, e)),
    }
}

/// Settles `id`; the description of the file it deleted, if it deleted one.
pub(crate) fn settle(
    dir: &Path,
    id: FileId,
    delete: bool,
    blobs: &Mutex<()>,
) -> Result<Option<FileMeta>, RepoError> {
    let gone = match (delete, load(dir, id)?) {
        (true, Some(meta)) => {
            delete_file(dir, &meta, blobs)?;
            Some(meta)
        }
        _ => None,
    };
    remove(&marker(dir, id))?;
    sync_dir(&dir.join("released"))?;
    Ok(gone)
}

/// Bytes first (unless another description names them), then the description, then the
/// references: each step syncs its directory, so a crash leaves the file released and a
/// later settle finishes.
fn delete_file(dir: &Path, meta: &FileMeta, blobs: &Mutex<()>) -> Result<(), RepoError> {
    {
        let _placing = blobs.lock().unwrap_or_else(|e| e.into_inner());
        if !shared_by_another(dir, meta)? {
            let blob = LocalFiles::blob_path(dir, &meta.sha256);
            remove(&blob)?;
            if let Some(parent) = blob.parent() {
                sync_dir(parent)?;
            }
        }
    }
    remove(&LocalFiles::meta_path(dir, meta.id))?;
    sync_dir(&dir.join("meta"))?;
    let refs = dir.join("refs").join(meta.id.to_string());
    match fs::remove_dir_all(&refs) {
        Ok(()) => sync_dir(&dir.join("refs")),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io("remove", &refs, e)),
    }
}

/// Whether another file's description names the same bytes (equal uploads share them).
fn shared_by_another(dir: &Path, meta: &FileMeta) -> Result<bool, RepoError> {
    let path = dir.join("meta");
    for entry in fs::read_dir(&path)
        .map_err(|e| io("list", &path, e))?
        .flatten()
    {
        let Ok(bytes) = fs::read(entry.path()) else {
            continue;
        };
        match crate::record::decode(&bytes) {
            Ok(other) if other.id != meta.id && other.sha256 == meta.sha256 => return Ok(true),
            Ok(_) => {}
            // Unreadable: it might name these bytes, so they stay.
            Err(_) => return Ok(true),
        }
    }
    Ok(false)
}

fn remove(path: &Path) -> Result<(), RepoError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io("remove", path, e)),
    }
}

fn sync_dir(path: &Path) -> Result<(), RepoError> {
    File::open(path)
        .and_then(|d| d.sync_all())
        .map_err(|e| io("sync", path, e))
}
