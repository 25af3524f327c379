//! Rewriting one message file with its due tombstones' lines erased, and putting the new
//! file in place of the old one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use serde::Deserialize;

use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::Seqs;
use crate::messages::index::FileInfo;
use crate::messages::replace::{put_in_place, Rewrite};
use crate::messages::Shared;
use crate::{io_error, line, records};

/// The files holding the due `seqs` of `id`, each with its share of them.
pub fn files_of(shared: &Shared, id: ConversationId, seqs: &Seqs) -> Vec<(FileInfo, Seqs)> {
    let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
    let Some(state) = index.get(&id) else {
        return Vec::new();
    };
    state
        .files
        .iter()
        .filter(|f| f.first_seq != 0)
        .filter_map(|f| {
            let inside: Seqs = seqs
                .range(f.first_seq..=f.last_seq)
                .map(|(s, m)| (*s, *m))
                .collect();
            (!inside.is_empty()).then(|| (f.clone(), inside))
        })
        .collect()
}

#[derive(Deserialize)]
struct Head {
    id: uuid::Uuid,
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
    seqs: &Seqs,
) -> Result<Option<Rewrite>, RepoError> {
    let mut bytes = if info.compressed {
        crate::messages::archive::decompress(&info.path)?
    } else {
        fs::read(&info.path).map_err(|e| io_error("read", &info.path, e))?
    };
    // Acked bytes only: a line past them may still be cut off by a failed write.
    bytes.truncate((info.len as usize).min(bytes.len()));
    let (mut erased, mut at, mut seen) = (Vec::new(), Vec::new(), 0);
    for (offset, raw) in line::lines(&bytes) {
        let Ok(json) = line::decode(raw) else {
            continue;
        };
        let Ok(head) = serde_json::from_slice::<Head>(json) else {
            continue;
        };
        let due = seqs.get(&head.seq).map(|m| *m.as_uuid());
        if head.conversation_id != *id.as_uuid() || due != Some(head.id) {
            continue;
        }
        seen += 1;
        if let Some(new) = erase_line(json)? {
            at.push((offset, new));
            erased.push(head.seq);
        }
    }
    if seen < seqs.len() {
        // Damaged lines (their ranges are refused on read) or lines of other messages
        // at those seqs: nothing this pass can read to erase.
        tracing::warn!(path = %info.path.display(), missing = seqs.len() - seen,
            "tombstones whose lines could not be read were left as they are");
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

/// A temporary file a pass writes: removed at start if a crash left it.
fn tmp_path(file: &Path) -> PathBuf {
    PathBuf::from(format!("{}.erase.tmp", file.display()))
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
    put_in_place(r)?;
    shared.archives.forget(&r.info.path);
    Ok(())
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
