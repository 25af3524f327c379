//! Released files: a marker under `released/` while a file waits to be settled (its
//! mark, which every new reference moves; once a deletion began, also its bytes' name),
//! and the settling: dropping references no message backs any more, or deleting the
//! file. Every step runs under the store's lock, which uploads and new references take
//! too, so a send that attaches the file while it is being judged is never lost.

use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use chat_domain::entities::FileMeta;
use chat_domain::ids::{ConversationId, FileId};
use chat_domain::ports::Released;
use chat_domain::values::Sha256Digest;
use chat_domain::RepoError;

use crate::{io, load, write_atomically, LocalFiles};

fn marker(dir: &Path, id: FileId) -> PathBuf {
    dir.join("released").join(id.to_string())
}

/// What a marker says: the mark, then the bytes' SHA-256 once a deletion began.
struct Marker {
    mark: u64,
    sha256: Option<String>,
}

fn read_marker(dir: &Path, id: FileId) -> Result<Option<Marker>, RepoError> {
    let path = marker(dir, id);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("read", &path, e)),
    };
    let mut lines = text.lines();
    Ok(Some(Marker {
        mark: lines.next().and_then(|m| m.parse().ok()).unwrap_or(0),
        sha256: lines.next().map(str::to_owned).filter(|s| !s.is_empty()),
    }))
}

fn write_marker(dir: &Path, id: FileId, m: &Marker) -> Result<(), RepoError> {
    let text = format!("{}\n{}\n", m.mark, m.sha256.as_deref().unwrap_or(""));
    write_atomically(dir, &marker(dir, id), text.as_bytes(), true)
}

/// Notes the release durably (an existing marker stays as it is).
pub(crate) fn note(dir: &Path, id: FileId) -> Result<(), RepoError> {
    write_atomically(dir, &marker(dir, id), b"0\n", false)
}

/// Moves a released file's mark: a message references it again. Under the store's lock.
pub(crate) fn bump(dir: &Path, id: FileId) -> Result<(), RepoError> {
    match read_marker(dir, id)? {
        Some(mut m) if m.sha256.is_none() => {
            m.mark += 1;
            write_marker(dir, id, &m)
        }
        _ => Ok(()),
    }
}

pub(crate) fn list(dir: &Path) -> Result<Vec<Released>, RepoError> {
    let path = dir.join("released");
    let mut out = Vec::new();
    for entry in fs::read_dir(&path)
        .map_err(|e| io("list", &path, e))?
        .flatten()
    {
        let Some(id) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        if let Some(m) = read_marker(dir, id)? {
            out.push(Released { id, mark: m.mark });
        }
    }
    Ok(out)
}

/// Settles `r` (under the store's lock); whether it did, and the description of the
/// file it deleted, if it deleted one.
pub(crate) fn settle(
    dir: &Path,
    r: Released,
    unreferenced: &[ConversationId],
    delete: bool,
) -> Result<(bool, Option<FileMeta>), RepoError> {
    let Some(m) = read_marker(dir, r.id)? else {
        return Ok((true, None));
    };
    // A deletion that began (its bytes' name noted) is finished, whatever came since.
    let deleting = m.sha256.is_some() || (delete && m.mark == r.mark);
    if !deleting && m.mark != r.mark {
        return Ok((false, None));
    }
    let meta = load(dir, r.id)?;
    if deleting {
        let sha256 = meta
            .as_ref()
            .map(|f| f.sha256.as_str().to_owned())
            .or(m.sha256);
        if meta.is_some() {
            let noted = Marker {
                mark: m.mark,
                sha256: sha256.clone(),
            };
            write_marker(dir, r.id, &noted)?;
        }
        delete_file(dir, r.id, sha256.as_deref())?;
    } else {
        let refs = dir.join("refs").join(r.id.to_string());
        for c in unreferenced {
            remove(&refs.join(c.to_string()))?;
        }
        sync_dir_if_there(&refs)?;
    }
    remove(&marker(dir, r.id))?;
    sync_dir_if_there(&dir.join("released"))?;
    Ok((true, meta.filter(|_| deleting)))
}

/// The description, then the references, then (unless another description names them)
/// the bytes; each step syncs its directory, and a crash leaves the marker to finish.
fn delete_file(dir: &Path, id: FileId, sha256: Option<&str>) -> Result<(), RepoError> {
    remove(&LocalFiles::meta_path(dir, id))?;
    sync_dir_if_there(&dir.join("meta"))?;
    let refs = dir.join("refs").join(id.to_string());
    match fs::remove_dir_all(&refs) {
        Ok(()) => sync_dir_if_there(&dir.join("refs"))?,
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(io("remove", &refs, e)),
    }
    let Some(digest) = sha256.and_then(|s| Sha256Digest::parse(s).ok()) else {
        return Ok(());
    };
    if !shared_by_another(dir, id, &digest)? {
        let blob = LocalFiles::blob_path(dir, &digest);
        remove(&blob)?;
        if let Some(parent) = blob.parent() {
            sync_dir_if_there(parent)?;
        }
    }
    Ok(())
}

/// Whether another file's description names the same bytes (equal uploads share them).
/// A description that cannot be read might: the bytes then stay.
fn shared_by_another(dir: &Path, id: FileId, sha256: &Sha256Digest) -> Result<bool, RepoError> {
    let path = dir.join("meta");
    for entry in fs::read_dir(&path).map_err(|e| io("list", &path, e))? {
        let Ok(entry) = entry else { return Ok(true) };
        let bytes = match fs::read(entry.path()) {
            Ok(b) => b,
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(_) => return Ok(true),
        };
        match crate::record::decode(&bytes) {
            Ok(other) if other.id != id && other.sha256 == *sha256 => return Ok(true),
            Ok(_) => {}
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

fn sync_dir_if_there(path: &Path) -> Result<(), RepoError> {
    match File::open(path) {
        Ok(d) => d.sync_all().map_err(|e| io("sync", path, e)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io("open", path, e)),
    }
}
