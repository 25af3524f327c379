//! What the store knows of each conversation's files, kept in memory, and the sidecar
//! (`<file>.idx`) that saves a file's part of it so startup need not rescan the file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

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
}

/// The index of every conversation.
pub type Index = HashMap<ConversationId, ConvState>;

const MAGIC: &[u8; 6] = b"CIDX01";

/// A file's saved index: everything [`FileInfo`] holds plus its client keys.
pub struct Sidecar {
    pub conversation: ConversationId,
    pub first_seq: u64,
    pub last_seq: u64,
    pub len: u64,
    pub sparse: Vec<(u64, u64)>,
    pub clients: Vec<(u64, u64)>,
    pub last_message: Option<Vec<u8>>,
}

pub fn sidecar_path(file: &Path) -> PathBuf {
    let mut p = file.as_os_str().to_owned();
    p.push(".idx");
    PathBuf::from(p)
}

impl Sidecar {
    pub fn encode(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(64 + 16 * (self.sparse.len() + self.clients.len()));
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(self.conversation.as_uuid().as_bytes());
        for v in [self.first_seq, self.last_seq, self.len] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        for list in [&self.sparse, &self.clients] {
            b.extend_from_slice(&(list.len() as u64).to_le_bytes());
            for (x, y) in list.iter() {
                b.extend_from_slice(&x.to_le_bytes());
                b.extend_from_slice(&y.to_le_bytes());
            }
        }
        let last = self.last_message.as_deref().unwrap_or_default();
        b.extend_from_slice(&(last.len() as u64).to_le_bytes());
        b.extend_from_slice(last);
        let crc = crc32fast::hash(&b);
        b.extend_from_slice(&crc.to_le_bytes());
        b
    }

    /// Decodes a sidecar; `None` if it is damaged or of another format (then the file is
    /// scanned instead).
    pub fn decode(b: &[u8]) -> Option<Self> {
        let (body, crc) = b.split_at_checked(b.len().checked_sub(4)?)?;
        if crc32fast::hash(body).to_le_bytes() != crc {
            return None;
        }
        let mut r = Cursor(body.strip_prefix(MAGIC)?);
        let conversation = ConversationId::from_uuid(uuid::Uuid::from_slice(r.take(16)?).ok()?);
        let (first_seq, last_seq, len) = (r.u64()?, r.u64()?, r.u64()?);
        let mut lists = [Vec::new(), Vec::new()];
        for list in lists.iter_mut() {
            let n = r.u64()?;
            for _ in 0..n {
                list.push((r.u64()?, r.u64()?));
            }
        }
        let n = usize::try_from(r.u64()?).ok()?;
        let last = r.take(n)?.to_vec();
        let [sparse, clients] = lists;
        Some(Self {
            conversation,
            first_seq,
            last_seq,
            len,
            sparse,
            clients,
            last_message: (!last.is_empty()).then_some(last),
        })
    }
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}
