use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use chat_domain::entities::{FollowState, Message, ThreadFollow};
use chat_domain::ids::ConversationId;
use chat_domain::values::{Limit, Seq};

use crate::{Actor, AppError, ChatApp};

/// Input of [`ChatApp::followed_threads`], as a client sends it.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadsQuery {
    /// Only threads with replies the caller has not read.
    pub unread: bool,
    /// How many threads (default 50, at most 100).
    pub limit: Option<u64>,
}

/// A thread and the caller's standing in it.
#[derive(Clone, Debug)]
pub struct FollowedThread {
    /// Its root, with the thread's summary.
    pub root: Message,
    /// The newest seq of the thread the caller has read.
    pub read_seq: u64,
    /// Replies after `read_seq` that are not recalled.
    pub unread: u64,
    /// Whether the caller follows it (always, in the list of followed threads).
    pub following: bool,
}

impl ChatApp {
    /// The threads the caller follows in conversations it is a member of, the one with
    /// the newest reply first (a thread with none yet by its root's time), at most
    /// `limit`; with `unread`, only those with unread replies.
    ///
    /// Every followed root is read (one call per conversation), unread replies are
    /// counted only for the threads returned.
    ///
    /// # Errors
    /// `bad_request` for a bad limit.
    pub async fn followed_threads(
        &self,
        actor: &Actor,
        q: ThreadsQuery,
    ) -> Result<Vec<FollowedThread>, AppError> {
        let limit = q.limit.map(Limit::new).transpose()?.unwrap_or_default();
        let storage = &self.ports.storage;
        let follows = storage.follows.of_user(actor.id()).await?;
        let member_of: HashSet<ConversationId> = storage
            .conversations
            .memberships(actor.id())
            .await?
            .into_iter()
            .map(|m| m.conversation.id)
            .collect();
        let mut by_conversation: HashMap<ConversationId, Vec<ThreadFollow>> = HashMap::new();
        let followed = follows.into_iter().filter(|f| {
            f.state == FollowState::Following && member_of.contains(&f.conversation_id)
        });
        for f in followed {
            by_conversation
                .entry(f.conversation_id)
                .or_default()
                .push(f);
        }
        let mut candidates = Vec::new();
        for (conversation_id, follows) in by_conversation {
            let seqs: Vec<Seq> = follows.iter().map(|f| f.root).collect();
            let reads: HashMap<Seq, u64> = follows.iter().map(|f| (f.root, f.read_seq)).collect();
            let roots = storage.messages.get_many(conversation_id, &seqs).await?;
            for root in roots {
                let read_seq = reads.get(&root.seq).copied().unwrap_or(0);
                let newer = root
                    .thread
                    .as_ref()
                    .is_some_and(|t| t.last_seq.get() > read_seq);
                if newer || !q.unread {
                    candidates.push((root, read_seq, newer));
                }
            }
        }
        candidates.sort_by_key(|(root, _, _)| Reverse(activity(root)));
        let mut out = Vec::with_capacity(limit.get());
        for (root, read_seq, newer) in candidates {
            if out.len() == limit.get() {
                break;
            }
            let unread = if newer {
                storage
                    .messages
                    .count_replies_after(root.conversation_id, root.seq, read_seq)
                    .await?
            } else {
                0
            };
            // Newer replies that are all recalled leave nothing to read.
            if unread > 0 || !q.unread {
                out.push(FollowedThread {
                    root,
                    read_seq,
                    unread,
                    following: true,
                });
            }
        }
        Ok(out)
    }
}

/// A thread's order in the list: its newest reply's time (its root's without one),
/// then its conversation and root, so ties keep one order.
fn activity(root: &Message) -> (chrono::DateTime<chrono::Utc>, ConversationId, Seq) {
    let at = root
        .thread
        .as_ref()
        .map_or(root.created_at, |t| t.last_reply_at);
    (at, root.conversation_id, root.seq)
}
