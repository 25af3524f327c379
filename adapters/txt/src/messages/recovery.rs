//! Startup: rebuild the index from the files, trusting each file's sidecar for the part
//! it covers and scanning the rest; truncate a torn last record; record damage.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use chat_domain::entities::Message;
use chat_domain::ids::ConversationId;
use chat_domain::RepoError;

use super::archive::{decompress, gz_path};
use super::index::{client_key, ConvState, FileInfo, Index};
use super::layout::{date_and_part, group_conversation, private_stem, Stem};
use super::sidecar::{sidecar_path, Sidecar};
use crate::{io_error, line, records};

struct Scanned {
    conversation: Option<ConversationId>,
    info: FileInfo,
    clients: Vec<(u64, u64)>,
    last: Option<Message>,
    damaged: Vec<(u64, u64)>,
    /// Bad lines of a file with no good line at all: their seqs follow the file before.
    unplaced: u64,
}

/// Rebuilds the index of every conversation under `root` (the `chat/` directory).
pub fn recover(root: &Path) -> Result<(Index, u64), RepoError> {
    let mut by_conv: HashMap<ConversationId, (Stem, Vec<Scanned>)> = HashMap::new();
    for (dir, private) in [(root.join("group"), false), (root.join("private"), true)] {
        crate::private::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))?;
        let entries = fs::read_dir(&dir).map_err(|e| io_error("list", &dir, e))?;
        for entry in entries {
            let path = entry.map_err(|e| io_error("list", &dir, e))?.path();
            let Some((date, part)) = date_and_part(&path) else {
                continue;
            };
            let compressed = path.extension().is_some_and(|e| e == "gz");
            if !compressed && gz_path(&path).exists() {
                // Archived, and the crash came before the original was removed.
                let _ = fs::remove_file(&path);
                let _ = fs::remove_file(sidecar_path(&path));
                continue;
            }
            let scanned = scan(&path, date, part, compressed)?;
            let conv = scanned
                .conversation
                .or_else(|| group_conversation(&path).filter(|_| !private));
            let Some(conv) = conv else {
                tracing::warn!(path = %path.display(), "no readable record names this file's conversation; skipped");
                continue;
            };
            let stem = if private {
                private_stem(&path)
            } else {
                Some(Stem::Group(conv))
            };
            let Some(stem) = stem else { continue };
            by_conv
                .entry(conv)
                .or_insert_with(|| (stem, Vec::new()))
                .1
                .push(scanned);
        }
    }
    let mut index = Index::new();
    let mut total = 0;
    for (conv, (stem, mut files)) in by_conv {
        files.sort_by_key(|s| (s.info.date, s.info.part));
        let mut state = ConvState {
            stem: Some(stem),
            ..ConvState::default()
        };
        for s in files {
            if s.info.first_seq != 0 && s.info.first_seq != state.last_seq + 1 {
                let range = (state.last_seq + 1, s.info.first_seq - 1);
                tracing::error!(conversation = %conv, path = %s.info.path.display(), ?range, "messages missing between files");
                state.damaged.push(range);
            }
            for (key, seq) in s.clients {
                state.note_client(key, seq);
            }
            state.damaged.extend(s.damaged.iter().copied());
            if s.unplaced > 0 {
                let range = (state.last_seq + 1, state.last_seq + s.unplaced);
                state.damaged.push(range);
                state.last_seq = range.1;
            }
            let top = s
                .damaged
                .iter()
                .map(|d| d.1)
                .max()
                .unwrap_or(0)
                .max(s.info.last_seq);
            state.last_seq = state.last_seq.max(top);
            if s.last.is_some() {
                state.last_message = s.last;
            }
            state.files.push(s.info);
        }
        total += state.last_seq;
        index.insert(conv, state);
    }
    Ok((index, total))
}

fn scan(path: &Path, date: u32, part: u32, compressed: bool) -> Result<Scanned, RepoError> {
    let bytes = if compressed {
        decompress(path)?
    } else {
        fs::read(path).map_err(|e| io_error("read", path, e))?
    };
    let mut s = Scanned {
        conversation: None,
        info: FileInfo {
            path: path.to_owned(),
            date,
            part,
            first_seq: 0,
            last_seq: 0,
            len: 0,
            sparse: Vec::new(),
            compressed,
        },
        clients: Vec::new(),
        last: None,
        damaged: Vec::new(),
        unplaced: 0,
    };
    let mut start = 0u64;
    if let Some(sc) = fs::read(sidecar_path(path))
        .ok()
        .and_then(|b| Sidecar::decode(&b))
    {
        // Trusted only if the bytes it covers still end with its last record: a file cut
        // and written again (damage, a partial restore) must be scanned afresh.
        if sc.len <= bytes.len() as u64 && ends_with_record(&bytes[..sc.len as usize], sc.last_seq)
        {
            s.conversation = Some(sc.conversation);
            s.info.first_seq = sc.first_seq;
            s.info.last_seq = sc.last_seq;
            s.info.len = sc.len;
            s.info.sparse = sc.sparse;
            s.clients = sc.clients;
            s.last = sc
                .last_message
                .and_then(|j| records::decode_message(&j).ok());
            start = sc.len;
        }
    }
    let rest = &bytes[start as usize..];
    let pieces: Vec<_> = line::lines(rest).collect();
    let mut bad_run: Option<(usize, u64)> = None; // (first bad line number, lines)
    for (i, (offset, raw)) in pieces.iter().enumerate() {
        let at = start + *offset as u64;
        let lineno = i + 1;
        let record = line::decode(raw)
            .ok()
            .and_then(|j| records::decode_message(j).ok());
        match record {
            Some(m) if s.info.last_seq == 0 || m.seq.get() > s.info.last_seq => {
                let seq = m.seq.get();
                if let Some((first_bad, _)) = bad_run.take() {
                    tracing::error!(path = %path.display(), line = first_bad, before_seq = seq, "damaged records: their range will not be served");
                    // Bad lines before the file's first good one: the gap check across
                    // files places them; here only a gap after a good line is known.
                    if s.info.last_seq != 0 && s.info.last_seq + 1 < seq {
                        s.damaged.push((s.info.last_seq + 1, seq - 1));
                    }
                } else if s.info.last_seq != 0 && seq != s.info.last_seq + 1 {
                    s.damaged.push((s.info.last_seq + 1, seq - 1));
                }
                s.conversation.get_or_insert(m.conversation_id);
                if let Some(c) = &m.client_msg_id {
                    s.clients.push((client_key(m.sender_id, c), seq));
                }
                s.info.push(seq, at, raw.len() as u64);
                s.last = Some(m);
            }
            _ if i + 1 == pieces.len() && !raw.ends_with(b"\n") && !compressed => {
                tracing::warn!(path = %path.display(), byte = at, "truncating a torn last record (written, never acknowledged)");
                let f = crate::private::options()
                    .write(true)
                    .open(path)
                    .map_err(|e| io_error("open", path, e))?;
                f.set_len(at).map_err(|e| io_error("truncate", path, e))?;
                f.sync_all().map_err(|e| io_error("sync", path, e))?;
            }
            _ => {
                let run = bad_run.get_or_insert((lineno, 0));
                run.1 += 1;
                // Keep the length past the bad line so appends go after it, never over it.
                s.info.len = at + raw.len() as u64;
            }
        }
    }
    if let Some((first_bad, n)) = bad_run {
        // Damage at the end: assume each bad line held one message, so no seq is reused.
        tracing::error!(path = %path.display(), line = first_bad, lines = n, "damaged records at the end: their range will not be served");
        if s.info.last_seq == 0 {
            s.unplaced = n;
        } else {
            s.damaged.push((s.info.last_seq + 1, s.info.last_seq + n));
        }
    }
    Ok(s)
}

/// Whether `covered` ends with an intact record of `seq` (or is empty, for no records).
fn ends_with_record(covered: &[u8], seq: u64) -> bool {
    let Some(body) = covered.strip_suffix(b"\n") else {
        return covered.is_empty() && seq == 0;
    };
    let start = body.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    line::decode(&covered[start..])
        .ok()
        .and_then(|j| records::decode_message(j).ok())
        .is_some_and(|m| m.seq.get() == seq)
}
