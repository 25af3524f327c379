//! Which seqs are replies in which thread, per conversation, kept in memory.
//!
//! Nothing of it is saved: the first thread read of a conversation after a start
//! learns its replies from the files, and each later read first learns those written
//! since. A thread page or an unread count then reads its replies alone, not the
//! conversation's history after its root.

use std::collections::HashMap;
use std::sync::Mutex;

use chat_domain::entities::Message;
use chat_domain::ids::ConversationId;
use chat_domain::values::{Seq, StrandQuery};
use chat_domain::RepoError;

use super::read;

/// How many messages one learning read holds at once.
const CHUNK: u64 = 4096;

/// Replies known per conversation.
#[derive(Default)]
pub struct Threads(Mutex<HashMap<ConversationId, Known>>);

#[derive(Default)]
struct Known {
    /// Every seq up to this one has been looked at.
    through: u64,
    /// Root seq → its replies' seqs, ascending.
    replies: HashMap<u64, Vec<u64>>,
}

impl Threads {
    /// The seqs of the replies to `root` up to `last_seq`, ascending. `read` gives the
    /// readable messages of a seq range (skipping known damage); it is called, without
    /// the lock held, for the seqs not looked at yet.
    pub fn replies(
        &self,
        id: ConversationId,
        root: Seq,
        last_seq: u64,
        read: impl Fn(u64, u64) -> Result<Vec<Message>, RepoError>,
    ) -> Result<Vec<u64>, RepoError> {
        let mut from = self.through(id) + 1;
        while from <= last_seq {
            let to = last_seq.min(from + CHUNK - 1);
            let found: Vec<(u64, u64)> = read(from, to)?
                .iter()
                .filter_map(|m| m.thread_root.map(|r| (m.seq.get(), r.get())))
                .collect();
            self.learn(id, to, found);
            from = to + 1;
        }
        let known = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let seqs = known.get(&id).and_then(|k| k.replies.get(&root.get()));
        Ok(seqs.map_or_else(Vec::new, |s| {
            s.iter().copied().take_while(|&s| s <= last_seq).collect()
        }))
    }

    fn through(&self, id: ConversationId) -> u64 {
        let known = self.0.lock().unwrap_or_else(|e| e.into_inner());
        known.get(&id).map_or(0, |k| k.through)
    }

    /// Notes replies read from the seqs up to `to`, ascending. Another read may have
    /// learned some of them meanwhile: those at or below its mark are known already.
    fn learn(&self, id: ConversationId, to: u64, found: Vec<(u64, u64)>) {
        let mut known = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let k = known.entry(id).or_default();
        for (seq, root) in found {
            if seq > k.through {
                k.replies.entry(root).or_default().push(seq);
            }
        }
        k.through = k.through.max(to);
    }
}

impl super::TxtMessages {
    /// The messages at these seqs as they are now, ascending (one with none, or past
    /// the log's end, left out), reading near ones at once.
    pub(super) fn read_many(
        &self,
        id: ConversationId,
        seqs: &[Seq],
    ) -> Result<Vec<Message>, RepoError> {
        let last = self.last_seq_now(id);
        let mut wanted: Vec<u64> = seqs
            .iter()
            .map(|s| s.get())
            .filter(|&s| s <= last)
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = Vec::with_capacity(wanted.len());
        for (lo, hi) in read::runs(&wanted, CHUNK) {
            let stored = match self.read_stored(id, lo, hi) {
                Ok(stored) => stored,
                // Damage between the seqs asked for: each read alone, as a get would.
                Err(RepoError::Corrupt(_)) if lo < hi => {
                    let mut each = Vec::new();
                    for s in wanted.iter().filter(|s| (lo..=hi).contains(*s)) {
                        each.extend(self.read_stored(id, *s, *s)?);
                    }
                    each
                }
                Err(e) => return Err(e),
            };
            out.extend(
                stored
                    .into_iter()
                    .filter(|m| wanted.binary_search(&m.seq.get()).is_ok()),
            );
        }
        Ok(self.current(out))
    }

    /// The seqs of the replies to `root`, ascending.
    pub(super) fn reply_seqs(&self, id: ConversationId, root: Seq) -> Result<Vec<u64>, RepoError> {
        let last = self.last_seq_now(id);
        self.threads.replies(id, root, last, |lo, hi| {
            let damaged = {
                let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
                index
                    .get(&id)
                    .map(|s| s.damaged.clone())
                    .unwrap_or_default()
            };
            let mut out = Vec::new();
            for (l, h) in read::readable(&damaged, lo, hi) {
                out.extend(self.read_stored(id, l, h)?);
            }
            Ok(out)
        })
    }
}

/// The seqs of a strand page among a thread's reply seqs (ascending): the first
/// `limit` above `after`, or without it the last `limit`, all below `before`.
pub fn pick(replies: &[u64], q: &StrandQuery) -> Vec<Seq> {
    let below = |s: &&u64| q.before.is_none_or(|b| **s < b.get());
    let lower = q.lower();
    let inside = replies.iter().filter(|s| **s > lower).filter(below);
    let seqs: Vec<u64> = if q.after.is_some() {
        inside.take(q.limit.get()).copied().collect()
    } else {
        let all: Vec<u64> = inside.copied().collect();
        all[all.len().saturating_sub(q.limit.get())..].to_vec()
    };
    seqs.into_iter().filter_map(|s| Seq::new(s).ok()).collect()
}

/// The reply seqs above `after`.
pub fn pick_after(replies: &[u64], after: u64) -> Vec<Seq> {
    let from = replies.partition_point(|s| *s <= after);
    replies[from..]
        .iter()
        .filter_map(|s| Seq::new(*s).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_domain::values::{Limit, Strand};

    fn q(after: Option<u64>, before: Option<u64>, limit: u64) -> StrandQuery {
        StrandQuery {
            strand: Strand::Replies(Seq::new(2).unwrap()),
            after,
            before: before.map(|b| Seq::new(b).unwrap()),
            limit: Limit::new(limit).unwrap(),
        }
    }

    fn seqs(v: Vec<Seq>) -> Vec<u64> {
        v.into_iter().map(Seq::get).collect()
    }

    #[test]
    fn it_should_page_forward_from_after_and_back_from_before() {
        let replies = [3, 5, 8, 13, 21];
        assert_eq!(seqs(pick(&replies, &q(Some(0), None, 2))), [3, 5]);
        assert_eq!(seqs(pick(&replies, &q(Some(5), None, 10))), [8, 13, 21]);
        assert_eq!(seqs(pick(&replies, &q(None, None, 2))), [13, 21]);
        assert_eq!(seqs(pick(&replies, &q(None, Some(13), 2))), [5, 8]);
        assert_eq!(seqs(pick(&replies, &q(Some(3), Some(21), 10))), [5, 8, 13]);
        assert!(pick(&replies, &q(Some(21), None, 10)).is_empty());
        assert_eq!(seqs(pick_after(&replies, 8)), [13, 21]);
        assert_eq!(seqs(pick_after(&replies, 0)), replies);
    }
}
