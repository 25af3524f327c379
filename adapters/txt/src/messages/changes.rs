//! Changes to stored messages (edits, recalls, reactions) in `changes.txt` beside the day
//! files: one checksummed line per change holding the whole message as it is after the
//! change, so replaying the file at start rebuilds the overlay that every read applies.
//! Superseded lines stay until an erasure pass compacts the file to each message's
//! latest line ([`Changes::compact`]), which takes an edit's earlier text with them.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chat_domain::entities::Message;
use chat_domain::ids::{ConversationId, MessageId};
use chat_domain::values::Seq;
use chat_domain::RepoError;

use crate::config::FsyncMode;
use crate::records::ChangeRecord;
use crate::{io_error, line};

const FILE: &str = "changes.txt";

/// One conversation's changed messages.
#[derive(Default)]
struct Changed {
    version: u64,
    current: HashMap<Seq, Message>,
    by_version: BTreeMap<u64, Seq>,
    /// Changes to messages whose lines were lost ([`Changes::forget_beyond`]): never
    /// applied, but kept through a compaction, as the versions they used stay used.
    forgotten: Vec<Message>,
}

/// The overlay of changed messages, and the file that makes it durable.
pub(crate) struct Changes {
    path: PathBuf,
    file: File,
    fsync: bool,
    convs: HashMap<ConversationId, Changed>,
    /// Lines in the file, superseded ones included.
    lines: usize,
}

impl Changes {
    /// Replays `changes.txt` under `root`. A torn last line (a write cut short by a crash,
    /// never acked) is cut off; a damaged line before it is corruption.
    pub(crate) fn open(root: &Path, fsync: &FsyncMode) -> Result<Self, RepoError> {
        let path = root.join(FILE);
        let mut file = crate::private::options()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(|e| io_error("open", &path, e))?;
        let mut buf = Vec::new();
        file.read_to_end(&mut buf)
            .map_err(|e| io_error("read", &path, e))?;
        let mut convs: HashMap<ConversationId, Changed> = HashMap::new();
        let (mut good, mut lines) = (0, 0);
        for (offset, raw) in line::lines(&buf) {
            let json = match line::decode(raw) {
                Ok(json) => json,
                Err(line::LineError::Torn) => break,
                Err(line::LineError::Checksum) => {
                    return Err(RepoError::Corrupt(format!(
                        "{} at byte {offset}: checksum mismatch",
                        path.display()
                    )))
                }
            };
            let (version, message) = serde_json::from_slice::<ChangeRecord>(json)
                .map_err(|e| e.to_string())
                .and_then(ChangeRecord::into_parts)
                .map_err(|e| {
                    RepoError::Corrupt(format!("{} at byte {offset}: {e}", path.display()))
                })?;
            Self::remember(&mut convs, version, message);
            good = offset + raw.len();
            lines += 1;
        }
        if good < buf.len() {
            file.set_len(good as u64)
                .map_err(|e| io_error("truncate", &path, e))?;
        }
        Ok(Self {
            path,
            file,
            fsync: !matches!(fsync, FsyncMode::Never),
            convs,
            lines,
        })
    }

    fn remember(convs: &mut HashMap<ConversationId, Changed>, version: u64, m: Message) {
        let c = convs.entry(m.conversation_id).or_default();
        if let Some(old) = c.current.get(&m.seq) {
            c.by_version.remove(&old.version);
        }
        c.version = c.version.max(version);
        c.by_version.insert(version, m.seq);
        c.current.insert(m.seq, m);
    }

    /// The next version of a conversation.
    pub(crate) fn next_version(&self, id: ConversationId) -> u64 {
        self.convs.get(&id).map_or(0, |c| c.version) + 1
    }

    /// Stores `message` (already changed, stamped with [`Self::next_version`]) durably.
    pub(crate) fn record(&mut self, message: Message) -> Result<(), RepoError> {
        let json = serde_json::to_vec(&ChangeRecord::of(&message))
            .map_err(|e| RepoError::Corrupt(e.to_string()))?;
        let mut out = Vec::with_capacity(json.len() + 10);
        line::encode(&json, &mut out);
        let len = self
            .file
            .metadata()
            .map_err(|e| RepoError::Unavailable(io_error("stat", &self.path, e).to_string()))?
            .len();
        let mut written = self.file.write_all(&out);
        if written.is_ok() && self.fsync {
            written = self.file.sync_data();
        }
        if let Err(e) = written {
            // Never leave half a line for the next change to be appended after.
            let _ = self.file.set_len(len);
            return Err(RepoError::Unavailable(
                io_error("write", &self.path, e).to_string(),
            ));
        }
        Self::remember(&mut self.convs, message.version, message);
        self.lines += 1;
        Ok(())
    }

    /// Every tombstone, as (conversation, seq, message).
    pub(crate) fn tombstones(&self) -> Vec<(ConversationId, u64, MessageId)> {
        self.convs
            .iter()
            .flat_map(|(id, c)| {
                c.current
                    .values()
                    .filter(|m| m.deleted)
                    .map(move |m| (*id, m.seq.get(), m.id))
            })
            .collect()
    }

    /// Rewrites the file to each changed message's latest line, dropping the lines it
    /// superseded: to a temporary file, synced, renamed over the old one (a crash leaves
    /// one or the other, each replaying to the same overlay). Returns the bytes written;
    /// 0 when no line is superseded.
    ///
    /// # Errors
    /// `Unavailable` if the new file cannot be written; the old one stays in use.
    pub(crate) fn compact(&mut self) -> Result<u64, RepoError> {
        let latest: usize = self
            .convs
            .values()
            .map(|c| c.current.len() + c.forgotten.len())
            .sum();
        if self.lines == latest {
            return Ok(0);
        }
        let tmp = PathBuf::from(format!("{}.erase.tmp", self.path.display()));
        let written = self
            .write_latest(&tmp)
            .map_err(|e| io_error("write", &tmp, e))?;
        // Opened before the rename, the handle is the new file's whatever happens next:
        // a change is never recorded into the old one once it is gone.
        let file = crate::private::options()
            .read(true)
            .append(true)
            .open(&tmp)
            .map_err(|e| io_error("open", &tmp, e))?;
        if let Err(e) = std::fs::rename(&tmp, &self.path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(io_error("rename", &self.path, e));
        }
        self.file = file;
        self.lines = latest;
        super::replace::sync_parent(&self.path)?;
        Ok(written)
    }

    fn write_latest(&self, tmp: &Path) -> std::io::Result<u64> {
        let mut out = BufWriter::new(crate::private::create(tmp)?);
        let (mut buf, mut written) = (Vec::new(), 0);
        for c in self.convs.values() {
            let latest = c.by_version.values().map(|seq| &c.current[seq]);
            for m in c.forgotten.iter().chain(latest) {
                let json = serde_json::to_vec(&ChangeRecord::of(m))?;
                buf.clear();
                line::encode(&json, &mut buf);
                out.write_all(&buf)?;
                written += buf.len() as u64;
            }
        }
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok(written)
    }

    /// Forgets changes to messages past each conversation's last stored seq (`last_seq`):
    /// their lines were lost to damage, and those seqs will go to new messages. Returns
    /// how many were forgotten.
    pub(crate) fn forget_beyond(&mut self, last_seq: impl Fn(ConversationId) -> u64) -> usize {
        let mut forgotten = 0;
        for (id, c) in &mut self.convs {
            let last = last_seq(*id);
            let lost: Vec<Seq> = c
                .current
                .keys()
                .filter(|s| s.get() > last)
                .copied()
                .collect();
            for seq in lost {
                if let Some(m) = c.current.remove(&seq) {
                    c.by_version.remove(&m.version);
                    c.forgotten.push(m);
                    forgotten += 1;
                }
            }
        }
        forgotten
    }

    /// `m` as it is now. A change recorded for another message at the same seq (one
    /// whose line was lost) never applies.
    pub(crate) fn current(&self, m: Message) -> Message {
        match self
            .convs
            .get(&m.conversation_id)
            .and_then(|c| c.current.get(&m.seq))
        {
            Some(changed) if changed.id == m.id => changed.clone(),
            _ => m,
        }
    }

    /// The conversation's pinned messages, in no order: only changed messages can be
    /// pinned.
    pub(crate) fn pinned(&self, id: ConversationId) -> Vec<Message> {
        self.convs.get(&id).map_or_else(Vec::new, |c| {
            c.current
                .values()
                .filter(|m| m.pinned.is_some())
                .cloned()
                .collect()
        })
    }

    /// The seqs changed after `after`, ascending by version, at most `limit`.
    pub(crate) fn since(&self, id: ConversationId, after: u64, limit: usize) -> Vec<Message> {
        self.convs.get(&id).map_or_else(Vec::new, |c| {
            c.by_version
                .range(after + 1..)
                .take(limit)
                .filter_map(|(_, seq)| c.current.get(seq).cloned())
                .collect()
        })
    }
}
