use async_trait::async_trait;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use chat_domain::entities::{Message, MessageChange, NewMessage};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{Appended, Changed, LogMark, MessageRepository, SyncPoint};
use chat_domain::values::{ClientMsgId, Limit, PageQuery, Seq};
use chat_domain::DomainError;
use chat_domain::RepoError;

use crate::{lock, Stamps};

/// One conversation's log: message `seq` lives at index `seq - 1`.
#[derive(Default)]
struct Log {
    messages: Vec<Message>,
    by_client_id: HashMap<(UserId, ClientMsgId), usize>,
    /// The last version handed out, and which seq holds each current version.
    version: u64,
    changed: BTreeMap<u64, Seq>,
}

/// [`MessageRepository`] in memory, with one lock per conversation so appends to
/// different conversations never wait on each other.
#[derive(Default)]
pub struct MemoryMessages {
    logs: RwLock<HashMap<ConversationId, Arc<Mutex<Log>>>>,
    total: AtomicU64,
    stamps: Stamps,
}

impl Log {
    /// Its pinned messages, in no order: only changed messages can be pinned.
    fn pinned(&self) -> impl Iterator<Item = &Message> {
        self.changed
            .values()
            .map(|seq| &self.messages[seq.get() as usize - 1])
            .filter(|m| m.pinned.is_some())
    }
}

impl MemoryMessages {
    fn log(&self, id: ConversationId) -> Option<Arc<Mutex<Log>>> {
        self.logs
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&id)
            .cloned()
    }

    fn log_or_create(&self, id: ConversationId) -> Arc<Mutex<Log>> {
        if let Some(log) = self.log(id) {
            return log;
        }
        self.logs
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(id)
            .or_default()
            .clone()
    }
}

#[async_trait]
impl MessageRepository for MemoryMessages {
    async fn append(&self, message: NewMessage) -> Result<Appended, RepoError> {
        let log = self.log_or_create(message.conversation_id);
        let mut log = lock(&log);
        let key = message
            .client_msg_id
            .clone()
            .map(|c| (message.sender_id, c));
        if let Some(&i) = key.as_ref().and_then(|k| log.by_client_id.get(k)) {
            return Ok(Appended {
                message: log.messages[i].clone(),
                created: false,
            });
        }
        let seq = Seq::after(log.messages.len() as u64);
        let stored = message.at(seq);
        if let Some(k) = key {
            let index = log.messages.len();
            log.by_client_id.insert(k, index);
        }
        log.messages.push(stored.clone());
        self.stamps.bump(stored.conversation_id);
        self.total.fetch_add(1, Ordering::Relaxed);
        Ok(Appended {
            message: stored,
            created: true,
        })
    }

    async fn page(&self, id: ConversationId, query: PageQuery) -> Result<Vec<Message>, RepoError> {
        let Some(log) = self.log(id) else {
            return Ok(Vec::new());
        };
        let log = lock(&log);
        Ok(match query.range(log.messages.len() as u64) {
            Some((lo, hi)) => log.messages[lo as usize - 1..hi as usize].to_vec(),
            None => Vec::new(),
        })
    }

    async fn change(
        &self,
        id: ConversationId,
        seq: Seq,
        change: &MessageChange,
    ) -> Result<Changed, RepoError> {
        let missing = || RepoError::NotFound(format!("no message at seq {seq}"));
        let log = self.log(id).ok_or_else(missing)?;
        let mut log = lock(&log);
        let version = log.version + 1;
        let at = seq.get() as usize - 1;
        let mut after = log.messages.get(at).ok_or_else(missing)?.clone();
        let pinned = log.pinned().count();
        chat_domain::rules::ensure_pin_fits(&after, change, pinned).map_err(conflict)?;
        let before = after.version;
        let changed = after.apply(change, version).map_err(conflict)?;
        if changed {
            log.messages[at] = after.clone();
            log.version = version;
            log.changed.remove(&before);
            log.changed.insert(version, seq);
            self.stamps.bump(id);
        }
        Ok(Changed {
            message: after,
            changed,
        })
    }

    async fn changes(
        &self,
        id: ConversationId,
        after_version: u64,
        limit: Limit,
    ) -> Result<Vec<Message>, RepoError> {
        let Some(log) = self.log(id) else {
            return Ok(Vec::new());
        };
        let log = lock(&log);
        Ok(log
            .changed
            .range(after_version + 1..)
            .take(limit.get())
            .map(|(_, seq)| log.messages[seq.get() as usize - 1].clone())
            .collect())
    }

    async fn pinned(&self, id: ConversationId) -> Result<Vec<Message>, RepoError> {
        let Some(log) = self.log(id) else {
            return Ok(Vec::new());
        };
        let log = lock(&log);
        let mut pinned: Vec<Message> = log.pinned().cloned().collect();
        pinned.sort_by_key(|m| std::cmp::Reverse(m.pinned.map(|p| (p.at, m.seq))));
        Ok(pinned)
    }

    async fn get(&self, id: ConversationId, seq: Seq) -> Result<Option<Message>, RepoError> {
        Ok(self
            .log(id)
            .and_then(|log| lock(&log).messages.get(seq.get() as usize - 1).cloned()))
    }

    async fn find_by_client_id(
        &self,
        id: ConversationId,
        sender: UserId,
        client_msg_id: &ClientMsgId,
    ) -> Result<Option<Message>, RepoError> {
        Ok(self.log(id).and_then(|log| {
            let log = lock(&log);
            let i = *log.by_client_id.get(&(sender, client_msg_id.clone()))?;
            Some(log.messages[i].clone())
        }))
    }

    async fn last_seq(&self, id: ConversationId) -> Result<u64, RepoError> {
        Ok(self
            .log(id)
            .map_or(0, |log| lock(&log).messages.len() as u64))
    }

    async fn latest(&self, ids: &[ConversationId]) -> Result<Vec<Message>, RepoError> {
        Ok(ids
            .iter()
            .filter_map(|id| self.log(*id))
            .filter_map(|log| lock(&log).messages.last().cloned())
            .collect())
    }

    async fn sync_point(&self) -> Result<SyncPoint, RepoError> {
        Ok(self.stamps.point())
    }

    async fn log_marks(&self, ids: &[ConversationId]) -> Result<Vec<LogMark>, RepoError> {
        // Stamps first: a version read after its stamp is at least as new.
        let stamps = self.stamps.of(ids);
        Ok(ids
            .iter()
            .zip(stamps)
            .map(|(&id, stamp)| LogMark {
                conversation_id: id,
                last_version: self.log(id).map_or(0, |log| lock(&log).version),
                stamp,
            })
            .collect())
    }

    async fn count(&self) -> Result<u64, RepoError> {
        Ok(self.total.load(Ordering::Relaxed))
    }
}

/// A change the message as stored refuses (recalled meanwhile, too many reactions).
pub fn conflict(e: DomainError) -> RepoError {
    RepoError::Conflict(e.to_string())
}
