use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use async_trait::async_trait;

use chat_domain::entities::{FollowState, FollowUpdate, ThreadFollow};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::ThreadFollowRepository;
use chat_domain::values::Seq;
use chat_domain::RepoError;

use crate::lock;

type Thread = (ConversationId, Seq);

/// [`ThreadFollowRepository`] in memory: each user's standings, and each thread's
/// followers for pushes.
#[derive(Default)]
pub struct MemoryFollows(Mutex<Follows>);

#[derive(Default)]
struct Follows {
    by_user: HashMap<UserId, HashMap<Thread, (FollowState, u64)>>,
    followers: HashMap<Thread, HashSet<UserId>>,
}

impl MemoryFollows {
    /// Sets a standing outright (the TXT store replays its log with this).
    pub fn set(&self, follow: ThreadFollow) {
        let mut f = lock(&self.0);
        f.put(follow);
    }

    /// Every standing, for a snapshot.
    pub fn all(&self) -> Vec<ThreadFollow> {
        let f = lock(&self.0);
        f.by_user
            .iter()
            .flat_map(|(user, threads)| {
                threads.iter().map(
                    |(&(conversation_id, root), &(state, read_seq))| ThreadFollow {
                        conversation_id,
                        root,
                        user_id: *user,
                        state,
                        read_seq,
                    },
                )
            })
            .collect()
    }

    /// The standing `update` makes of the current one, not yet stored (the TXT store
    /// logs it before it sets it, under its own lock).
    pub fn updated(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
        update: FollowUpdate,
    ) -> ThreadFollow {
        lock(&self.0).updated(conversation_id, root, user_id, update)
    }
}

impl Follows {
    fn updated(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
        update: FollowUpdate,
    ) -> ThreadFollow {
        let current = self
            .by_user
            .get(&user_id)
            .and_then(|t| t.get(&(conversation_id, root)))
            .copied();
        let (state, read_seq) = update.apply(current);
        ThreadFollow {
            conversation_id,
            root,
            user_id,
            state,
            read_seq,
        }
    }

    fn put(&mut self, f: ThreadFollow) {
        let thread = (f.conversation_id, f.root);
        self.by_user
            .entry(f.user_id)
            .or_default()
            .insert(thread, (f.state, f.read_seq));
        let followers = self.followers.entry(thread).or_default();
        if f.state == FollowState::Following {
            followers.insert(f.user_id);
        } else {
            followers.remove(&f.user_id);
            if followers.is_empty() {
                self.followers.remove(&thread);
            }
        }
    }
}

#[async_trait]
impl ThreadFollowRepository for MemoryFollows {
    async fn update(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
        update: FollowUpdate,
    ) -> Result<(), RepoError> {
        let mut f = lock(&self.0);
        let updated = f.updated(conversation_id, root, user_id, update);
        f.put(updated);
        Ok(())
    }

    async fn get(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
    ) -> Result<Option<ThreadFollow>, RepoError> {
        let f = lock(&self.0);
        let standing = f
            .by_user
            .get(&user_id)
            .and_then(|t| t.get(&(conversation_id, root)));
        Ok(standing.map(|&(state, read_seq)| ThreadFollow {
            conversation_id,
            root,
            user_id,
            state,
            read_seq,
        }))
    }

    async fn of_user(&self, user_id: UserId) -> Result<Vec<ThreadFollow>, RepoError> {
        let f = lock(&self.0);
        let Some(threads) = f.by_user.get(&user_id) else {
            return Ok(Vec::new());
        };
        Ok(threads
            .iter()
            .map(
                |(&(conversation_id, root), &(state, read_seq))| ThreadFollow {
                    conversation_id,
                    root,
                    user_id,
                    state,
                    read_seq,
                },
            )
            .collect())
    }

    async fn followers(
        &self,
        conversation_id: ConversationId,
        root: Seq,
    ) -> Result<Vec<UserId>, RepoError> {
        let f = lock(&self.0);
        Ok(f.followers
            .get(&(conversation_id, root))
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default())
    }
}
