//! What the store knows of each conversation's files, kept in memory (saved per file
//! in its sidecar, [`super::sidecar`]).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use chat_domain::entities::Message;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::ClientMsgId;

use super::layout::Stem;

/// Every this many lines, the sparse index notes a line's offset.
pub const SPARSE_EVERY: u64 = 32;

/// One message file.
#[derive(Clone, Debug)]
pub struct FileInfo {
    pub path: PathBuf,
    pub date: u32,
    pub part: u32,
    pub first_seq: u64,
    pub last_seq: u64,
    /// Bytes holding acknowledged records; reads never go past it.
    pub len: u64,
    /// (seq, offset) of every [`SPARSE_EVERY`]th line, from the first.
    pub sparse: Vec<(u64, u64)>,
    /// Whether the file is a gzip archive (offsets are into its decompressed content).
    pub compressed: bool,
}

impl FileInfo {
    /// Notes a line appended at `offset` holding `seq`.
    pub fn push(&mut self, seq: u64, offset: u64, line_len: u64) {
        if self.first_seq == 0 {
            self.first_seq = seq;
        }
        if (seq - self.first_seq).is_multiple_of(SPARSE_EVERY) {
            self.sparse.push((seq, offset));
        }
        self.last_seq = seq;
        self.len = offset + line_len;
    }

    /// The offset to start reading at to find `seq`.
    pub fn seek(&self, seq: u64) -> u64 {
        match self.sparse.binary_search_by_key(&seq, |(s, _)| *s) {
            Ok(i) => self.sparse[i].1,
            Err(0) => 0,
            Err(i) => self.sparse[i - 1].1,
        }
    }
}

/// The (sender, client_msg_id) key of idempotent appends, hashed.
pub fn client_key(sender: UserId, id: &ClientMsgId) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    sender.hash(&mut h);
    id.as_str().hash(&mut h);
    h.finish()
}

/// One conversation's log.
#[derive(Default)]
pub struct ConvState {
    pub stem: Option<Stem>,
    pub files: Vec<FileInfo>,
    pub last_seq: u64,
    pub last_message: Option<Message>,
    /// Client key hash → seqs with that hash (almost always one).
    pub client_ids: HashMap<u64, Vec<u64>>,
    /// Inclusive seq ranges whose records failed their checks; not served.
    pub damaged: Vec<(u64, u64)>,
}

impl ConvState {
    /// The files holding seqs in `[lo, hi]`.
    pub fn files_for(&self, lo: u64, hi: u64) -> impl Iterator<Item = &FileInfo> {
        self.files
            .iter()
            .filter(move |f| f.first_seq != 0 && f.first_seq <= hi && f.last_seq >= lo)
    }

    pub fn note_client(&mut self, key: u64, seq: u64) {
        self.client_ids.entry(key).or_default().push(seq);
    }

    /// The (client key, seq) pairs of the messages in file `f`, for its sidecar.
    pub fn clients_in(&self, f: &FileInfo) -> Vec<(u64, u64)> {
        self.client_ids
            .iter()
            .flat_map(|(k, seqs)| seqs.iter().map(move |s| (*k, *s)))
            .filter(|(_, s)| *s >= f.first_seq && *s <= f.last_seq)
            .collect()
    }
}

/// The index of every conversation.
pub type Index = HashMap<ConversationId, ConvState>;
