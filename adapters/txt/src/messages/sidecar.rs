//! A file's sidecar, `<file>.idx`: its part of the index saved, so startup need not
//! rescan it. A cache: a lost, stale or damaged sidecar only costs a rescan.

use std::fs;
use std::path::{Path, PathBuf};

use chat_domain::entities::Message;
use chat_domain::ids::ConversationId;

use super::index::FileInfo;
use crate::records;

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

/// Saves a file's index so the next startup does not rescan it.
pub fn write_sidecar(
    conversation: ConversationId,
    info: &FileInfo,
    clients: Vec<(u64, u64)>,
    last: Option<&Message>,
) {
    let sc = Sidecar {
        conversation,
        first_seq: info.first_seq,
        last_seq: info.last_seq,
        len: info.len,
        sparse: info.sparse.clone(),
        clients,
        last_message: last.map(records::encode_message),
    };
    let target = sidecar_path(&info.path);
    let tmp: PathBuf = format!("{}.tmp", target.display()).into();
    // A lost or stale sidecar only costs a rescan, so it is not synced.
    if crate::private::write(&tmp, &sc.encode())
        .and_then(|()| fs::rename(&tmp, &target))
        .is_err()
    {
        tracing::warn!(path = %target.display(), "could not save an index sidecar");
    }
}
