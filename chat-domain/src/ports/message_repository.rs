use async_trait::async_trait;

use crate::entities::{Message, MessageChange, NewMessage};
use crate::ids::{ConversationId, FileId, UserId};
use crate::ports::{LogMark, SyncPoint};
use crate::values::{
    ClientMsgId, Limit, PageQuery, SearchCursor, SearchPage, SearchQuery, Seq, Strand, StrandQuery,
};
use crate::RepoError;

/// Most messages the default [`MessageRepository::search`] examines per call.
pub const SEARCH_SCAN_BUDGET: usize = 200_000;
/// Most unread messages the default [`MessageRepository::count_mentions`] examines.
pub const MENTION_SCAN_BUDGET: usize = 10_000;

/// The outcome of a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    /// The message as stored after the call.
    pub message: Message,
    /// `false` when the change changed nothing (adding a reaction already there): no
    /// version was used and nothing was written.
    pub changed: bool,
}

/// The outcome of an append.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    /// The stored message (the earlier one, on an idempotent retry).
    pub message: Message,
    /// `false` when the message was already stored under the same
    /// (conversation, sender, client_msg_id) and nothing new was written.
    pub created: bool,
}

/// Whether `m`, not a tombstone, attaches `file`.
fn carries(m: &Message, file: FileId) -> bool {
    !m.deleted && m.attached_file() == Some(file)
}

/// What a call of [`MessageRepository::erase_tombstones`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// Messages whose former content was taken off the disk by this call.
    pub messages: u64,
    /// Bytes the store rewrote to do it (0 for a store that erases in place).
    pub bytes_rewritten: u64,
}

/// The per-conversation message logs.
#[async_trait]
pub trait MessageRepository: Send + Sync {
    /// Stores a message at the next seq of its conversation (1 for the first), durably
    /// before returning.
    ///
    /// Seqs are gap-free and unique per conversation under any concurrency. Idempotent on
    /// (conversation, sender, client_msg_id): if such a message is stored, it is returned
    /// with `created: false` and nothing is written, even when the two calls race.
    /// Does not check that the conversation exists or that the sender is a member: the
    /// use case has done that.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the message could not be stored durably; then it is
    /// not stored, and a retry with the same client_msg_id is safe.
    async fn append(&self, message: NewMessage) -> Result<Appended, RepoError>;

    /// Stores several messages in the given order, each as [`append`](Self::append)
    /// would, and answers for each in that order. A store that can make them durable
    /// together (one commit, one fsync) should; the default appends them one by one.
    ///
    /// Within one conversation the messages take increasing seqs in the given order,
    /// and an idempotent retry anywhere in the list (also of an earlier message in the
    /// same list) answers `created: false`, as with single appends.
    ///
    /// # Errors
    /// Each answer is that message's own: [`RepoError::Unavailable`] for one that could
    /// not be stored durably (and is not stored). One failure does not stop the others,
    /// as if they had been appended one by one.
    async fn append_all(&self, messages: Vec<NewMessage>) -> Vec<Result<Appended, RepoError>> {
        let mut out = Vec::with_capacity(messages.len());
        for m in messages {
            out.push(self.append(m).await);
        }
        out
    }

    /// A page of a conversation's history in ascending seq order; see [`PageQuery`] for
    /// which messages it selects. Empty for an unknown conversation.
    ///
    /// # Errors
    /// [`RepoError::Corrupt`] if stored messages in the range fail their integrity check.
    async fn page(&self, id: ConversationId, query: PageQuery) -> Result<Vec<Message>, RepoError>;

    /// A page of one [`Strand`](crate::values::Strand) of a conversation: its
    /// top-level messages, or one thread's replies; see [`StrandQuery`] for which. Empty
    /// for an unknown conversation or a seq with no replies.
    ///
    /// The default reads full history pages ([`scan_strand`](crate::ports::scan_strand));
    /// stores with a thread index override it.
    ///
    /// # Errors
    /// As [`page`](Self::page).
    async fn strand_page(
        &self,
        id: ConversationId,
        query: StrandQuery,
    ) -> Result<Vec<Message>, RepoError> {
        crate::ports::scan_strand(self, id, query).await
    }

    /// One message by seq, if stored.
    async fn get(&self, id: ConversationId, seq: Seq) -> Result<Option<Message>, RepoError>;

    /// The messages stored at these seqs, in ascending seq order (a seq with none is
    /// left out, one named twice comes once). The default gets them one at a time;
    /// stores that can read many at once override it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn get_many(&self, id: ConversationId, seqs: &[Seq]) -> Result<Vec<Message>, RepoError> {
        let mut seqs = seqs.to_vec();
        seqs.sort_unstable();
        seqs.dedup();
        let mut out = Vec::with_capacity(seqs.len());
        for seq in seqs {
            out.extend(self.get(id, seq).await?);
        }
        Ok(out)
    }

    /// How many replies in the thread of `root` have a seq above `after_seq` and are not
    /// recalled: a follower's unread replies. The default pages the thread
    /// ([`strand_page`](Self::strand_page)); stores with a thread index override it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn count_replies_after(
        &self,
        id: ConversationId,
        root: Seq,
        after_seq: u64,
    ) -> Result<u64, RepoError> {
        let limit = Limit::new(Limit::MAX as u64).map_err(|e| RepoError::Corrupt(e.to_string()))?;
        let mut count = 0;
        let mut after = after_seq;
        loop {
            let query = StrandQuery {
                strand: Strand::Replies(root),
                after: Some(after),
                before: None,
                limit,
            };
            let page = self.strand_page(id, query).await?;
            count += page.iter().filter(|m| !m.deleted).count() as u64;
            match page.last() {
                Some(last) if page.len() == limit.get() => after = last.seq.get(),
                _ => return Ok(count),
            }
        }
    }

    /// The message stored under (conversation, sender, client_msg_id), if any.
    async fn find_by_client_id(
        &self,
        id: ConversationId,
        sender: UserId,
        client_msg_id: &ClientMsgId,
    ) -> Result<Option<Message>, RepoError>;

    /// The last seq of a conversation; 0 when it has no messages.
    async fn last_seq(&self, id: ConversationId) -> Result<u64, RepoError>;

    /// The newest message of each given conversation that has one, in any order.
    async fn latest(&self, ids: &[ConversationId]) -> Result<Vec<Message>, RepoError>;

    /// Where this store's change stamps stand (see [`SyncPoint`]): every append and
    /// every change that changed something stamps its conversation's log.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn sync_point(&self) -> Result<SyncPoint, RepoError>;

    /// The [`LogMark`] of each given conversation, in the given order (zeros for one
    /// with neither messages nor stamps).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn log_marks(&self, ids: &[ConversationId]) -> Result<Vec<LogMark>, RepoError>;

    /// Applies `change` to the message at `seq` ([`Message::apply`]), durably, giving it
    /// the conversation's next version (versions count changes per conversation: 1, 2, 3,
    /// … in the order they were stored). Changes to one conversation are serialised, so
    /// none is lost to a race.
    ///
    /// A pin is checked against the conversation's other pins in the same turn
    /// ([`ensure_pin_fits`](crate::rules::ensure_pin_fits)), so racing pins cannot pass
    /// the limit together.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if no message is stored at `seq`; [`RepoError::Conflict`]
    /// if the change does not apply to the message as stored (recalled meanwhile, too many
    /// reactions, too many pins); [`RepoError::Unavailable`] if it could not be stored
    /// (then nothing changed).
    async fn change(
        &self,
        id: ConversationId,
        seq: Seq,
        change: &MessageChange,
    ) -> Result<Changed, RepoError>;

    /// The conversation's pinned messages as they are now, the most recently pinned
    /// first (at most [`MAX_PINS`](crate::rules::MAX_PINS)). Empty for an unknown
    /// conversation.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn pinned(&self, id: ConversationId) -> Result<Vec<Message>, RepoError>;

    /// The conversation's messages whose version is above `after_version`, as they are
    /// now, ascending by version, at most `limit`: what a client that saw every change up
    /// to `after_version` has missed.
    async fn changes(
        &self,
        id: ConversationId,
        after_version: u64,
        limit: Limit,
    ) -> Result<Vec<Message>, RepoError>;

    /// Live text messages of the given conversations whose body contains `query`
    /// ([`SearchQuery::matches`]), newest first, after `before` if given, at most `limit`.
    ///
    /// The default scans each conversation's history from the newest message, at most
    /// [`SEARCH_SCAN_BUDGET`] messages in all (beyond, the page says `partial`). Stores
    /// with a text index override it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn search(
        &self,
        ids: &[ConversationId],
        query: &SearchQuery,
        before: Option<SearchCursor>,
        limit: usize,
    ) -> Result<SearchPage, RepoError> {
        let mut hits: Vec<Message> = Vec::new();
        let mut scanned = 0;
        let mut partial = false;
        let step = Limit::new(Limit::MAX as u64).map_err(|e| RepoError::Corrupt(e.to_string()))?;
        'conversations: for &id in ids {
            let mut query_page = PageQuery::latest(step);
            loop {
                let page = self.page(id, query_page).await?;
                scanned += page.len();
                hits.extend(
                    page.iter()
                        .filter(|m| before.is_none_or(|c| c.admits(m)) && query.matches(m))
                        .cloned(),
                );
                match page.first() {
                    Some(first) if page.len() == step.get() => {
                        query_page = PageQuery::before(first.seq, step);
                    }
                    _ => break,
                }
                if scanned >= SEARCH_SCAN_BUDGET {
                    partial = true;
                    break 'conversations;
                }
            }
        }
        hits.sort_by_key(|m| std::cmp::Reverse(SearchCursor::key(m)));
        let more = hits.len() > limit;
        hits.truncate(limit);
        Ok(SearchPage {
            next: if more {
                hits.last().map(SearchCursor::after)
            } else {
                None
            },
            messages: hits,
            partial,
        })
    }

    /// How many messages after `after_seq` mention `user` (unread mentions).
    ///
    /// The default scans those messages, at most [`MENTION_SCAN_BUDGET`]; stores with a
    /// mentions index override it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn count_mentions(
        &self,
        id: ConversationId,
        user: UserId,
        after_seq: u64,
    ) -> Result<u64, RepoError> {
        let step = Limit::new(Limit::MAX as u64).map_err(|e| RepoError::Corrupt(e.to_string()))?;
        let mut count = 0;
        let mut scanned = 0;
        // Seqs start at 1: "after 0" is the first page, seqs below step + 1.
        let first =
            Seq::new(step.get() as u64 + 1).map_err(|e| RepoError::Corrupt(e.to_string()))?;
        let mut query = match Seq::new(after_seq) {
            Ok(seq) => PageQuery::after(seq, step),
            Err(_) => PageQuery::before(first, step),
        };
        while scanned < MENTION_SCAN_BUDGET {
            let page = self.page(id, query).await?;
            scanned += page.len();
            count += page.iter().filter(|m| m.mentions.contains(&user)).count() as u64;
            match page.last() {
                Some(last) if page.len() == step.get() => query = PageQuery::after(last.seq, step),
                _ => break,
            }
        }
        Ok(count)
    }

    /// How many messages are stored in all.
    async fn count(&self) -> Result<u64, RepoError>;

    /// Whether a message of conversation `id` that is not a tombstone carries the file
    /// `file` (an image or file message, or a forward of one: see
    /// [`Message::attached_file`]). The default reads the whole history in pages, which
    /// suits the rare call it serves, deciding whether a released file can go
    /// ([`crate::ports::FileStore::settle`]); a store that can ask its index in one
    /// query overrides it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn references_file(&self, id: ConversationId, file: FileId) -> Result<bool, RepoError> {
        let step = Limit::new(100).expect("a valid limit");
        let Some(first) = Seq::new(1).ok() else {
            return Ok(false);
        };
        let mut query = PageQuery::after(first, step);
        if let Some(m) = self.get(id, first).await? {
            if carries(&m, file) {
                return Ok(true);
            }
        }
        loop {
            let page = self.page(id, query).await?;
            if page.iter().any(|m| carries(m, file)) {
                return Ok(true);
            }
            match page.last() {
                Some(last) if page.len() == step.get() => query = PageQuery::after(last.seq, step),
                _ => return Ok(false),
            }
        }
    }

    /// Erases what tombstones held. A message that becomes a tombstone (recalled or
    /// removed, see [`MessageChange::Recall`]) reads as one at once; this makes its
    /// former body, mentions and forward, and every earlier version of them (an edit's
    /// text), gone from the store's files and rows too. Every message that was a
    /// tombstone when the call began is erased when it returns. A store that erases
    /// while it makes the tombstone has nothing to do: the default.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if some could not be erased now: they stay due, and the
    /// next call tries them again.
    async fn erase_tombstones(&self) -> Result<Erased, RepoError> {
        Ok(Erased::default())
    }

    /// A cheap check that the store answers, for health probes. The default counts;
    /// stores where counting is not cheap override it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn ping(&self) -> Result<(), RepoError> {
        self.count().await.map(|_| ())
    }
}
