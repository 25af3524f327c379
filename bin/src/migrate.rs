//! `chat-server migrate --from txt:./storage --to mysql://…` (or `postgres://…`, and
//! back, between any two): copies every
//! user, conversation (with its members and their read cursors) and message from one
//! store into an empty other, through the storage ports, so any pair of adapters works.
//!
//! Ids, seqs, times and client ids are kept as they are. Login sessions are not copied:
//! everyone signs in again on the new store.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use chat_domain::entities::{
    Conversation, ConversationType, FollowState, FollowUpdate, Message, MessageChange, NewMessage,
    Participant,
};
use chat_domain::ids::UserId;
use chat_domain::ports::Storage;
use chat_domain::values::{Limit, PageQuery, Seq};
use chat_domain::RepoError;

use crate::stores::{self, StoreSpec};
use crate::Store;

/// One side of a migration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `txt:<data dir>`.
    Txt(PathBuf),
    /// `mysql://user:password@host:port/database`.
    Mysql(String),
    /// `postgres://user:password@host:port/database` (or `postgresql://`).
    Postgres(String),
}

impl FromStr for Endpoint {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(dir) = s.strip_prefix("txt:") {
            if dir.is_empty() {
                return Err("txt: needs a directory, as in txt:./storage".into());
            }
            Ok(Endpoint::Txt(PathBuf::from(dir)))
        } else if s.starts_with("mysql://") {
            Ok(Endpoint::Mysql(s.to_owned()))
        } else if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            Ok(Endpoint::Postgres(s.to_owned()))
        } else {
            Err(format!(
                "{s:?}: write txt:<dir>, mysql://user:password@host/database or \
                 postgres://user:password@host/database"
            ))
        }
    }
}

/// What a migration copied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    /// Accounts.
    pub users: u64,
    /// Conversations, with their members.
    pub conversations: u64,
    /// Messages.
    pub messages: u64,
}

/// Conversations copied at once (messages within one are copied in order).
const PARALLEL: usize = 32;
const PAGE: usize = 500;

/// Copies everything in `from` into `to`, which must be empty, then checks the counts.
///
/// # Errors
/// A message naming what failed: a store that cannot be opened, a non-empty target, or
/// a port call that failed. The target is then partly written: empty it and run again.
pub async fn migrate(from: &Endpoint, to: &Endpoint) -> Result<Moved, String> {
    if from == to {
        return Err("--from and --to name the same store".into());
    }
    let source = open(from, false).await?;
    let target = open(to, true).await?;
    let result = copy(&source, &target).await;
    source.close().await;
    // Flushed even after a failure, so what was copied is on disk for inspection.
    target.close().await;
    result
}

impl Endpoint {
    /// The store this names, as the store table opens it.
    fn spec(&self, target: bool) -> StoreSpec {
        match self {
            Endpoint::Txt(dir) => StoreSpec::only(Store::Txt, dir.clone(), None, target),
            Endpoint::Mysql(url) => {
                StoreSpec::only(Store::Mysql, PathBuf::new(), Some(url.clone()), target)
            }
            Endpoint::Postgres(url) => {
                StoreSpec::only(Store::Postgres, PathBuf::new(), Some(url.clone()), target)
            }
        }
    }
}

async fn open(endpoint: &Endpoint, target: bool) -> Result<Storage, String> {
    stores::open(&endpoint.spec(target))
        .await
        .map_err(|e| e.to_string())
}

async fn counts(o: &Storage) -> Result<Moved, RepoError> {
    Ok(Moved {
        users: o.users.count().await?,
        conversations: o.conversations.count().await?,
        messages: o.messages.count().await?,
    })
}

async fn copy(source: &Storage, target: &Storage) -> Result<Moved, String> {
    let found = counts(target).await.map_err(|e| format!("target: {e}"))?;
    if found != Moved::default() {
        return Err(format!(
            "the target is not empty ({} users, {} conversations, {} messages)",
            found.users, found.conversations, found.messages
        ));
    }
    let expected = counts(source).await.map_err(|e| format!("source: {e}"))?;
    let mut moved = Moved {
        users: copy_users(source, target).await?,
        ..Moved::default()
    };
    tracing::info!(users = moved.users, "users copied");

    let slots = Arc::new(Semaphore::new(PARALLEL));
    let mut running = JoinSet::new();
    let mut after = None;
    loop {
        let page = source
            .conversations
            .list(after, PAGE)
            .await
            .map_err(|e| format!("listing conversations: {e}"))?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        for c in page {
            let slot = slots
                .clone()
                .acquire_owned()
                .await
                .map_err(|e| e.to_string())?;
            let (from, to) = (source.clone(), target.clone());
            running.spawn(async move {
                let copied = copy_conversation(&from, &to, &c).await;
                drop(slot);
                copied.map_err(|e| format!("conversation {}: {e}", c.id))
            });
            // Surface a failure early rather than after every conversation is tried.
            while let Some(done) = running.try_join_next() {
                moved.messages += done.map_err(|e| e.to_string())??;
                moved.conversations += 1;
            }
        }
    }
    while let Some(done) = running.join_next().await {
        moved.messages += done.map_err(|e| e.to_string())??;
        moved.conversations += 1;
    }
    let copied = counts(target).await.map_err(|e| format!("target: {e}"))?;
    if copied != expected || moved != expected {
        return Err(format!(
            "counts differ after copying: source {expected:?}, target {copied:?}"
        ));
    }
    Ok(moved)
}

async fn copy_users(source: &Storage, target: &Storage) -> Result<u64, String> {
    let mut n = 0;
    let mut after: Option<String> = None;
    loop {
        let page = source
            .users
            .search("", after.as_deref(), PAGE)
            .await
            .map_err(|e| format!("listing users: {e}"))?;
        let Some(last) = page.last() else { break };
        after = Some(last.username.key());
        for user in &page {
            target
                .users
                .create(user)
                .await
                .map_err(|e| format!("user {}: {e}", user.username))?;
            copy_follows(source, target, user.id)
                .await
                .map_err(|e| format!("thread follows of {}: {e}", user.username))?;
            for (blocked, at) in source
                .blocks
                .blocked_by(user.id)
                .await
                .map_err(|e| e.to_string())?
            {
                target
                    .blocks
                    .block(user.id, blocked, at)
                    .await
                    .map_err(|e| format!("blocks of {}: {e}", user.username))?;
            }
            n += 1;
        }
    }
    Ok(n)
}

/// A user's standing in each thread, rebuilt by the updates that make it.
async fn copy_follows(source: &Storage, target: &Storage, user: UserId) -> Result<(), RepoError> {
    for f in source.follows.of_user(user).await? {
        let choice = match f.state {
            FollowState::Following => Some(FollowUpdate::Follow),
            FollowState::Unfollowed => Some(FollowUpdate::Unfollow),
            FollowState::Undecided => None,
        };
        let read = Seq::new(f.read_seq).ok().map(FollowUpdate::Read);
        for update in choice.into_iter().chain(read) {
            target
                .follows
                .update(f.conversation_id, f.root, user, update)
                .await?;
        }
    }
    Ok(())
}

/// The conversation, its members, then its messages in seq order. Returns how many
/// messages it copied.
async fn copy_conversation(
    from: &Storage,
    to: &Storage,
    c: &Conversation,
) -> Result<u64, RepoError> {
    let members = from.conversations.participants(c.id).await?;
    match &c.ty {
        ConversationType::Group { .. } => to.conversations.create_group(c, &members).await?,
        ConversationType::Direct { pair } => {
            let two: [Participant; 2] = members.try_into().map_err(|m: Vec<_>| {
                RepoError::Conflict(format!("a direct conversation with {} members", m.len()))
            })?;
            let (stored, created) = to.conversations.get_or_create_direct(*pair, c, two).await?;
            if !created || stored.id != c.id {
                return Err(RepoError::Conflict(format!(
                    "the target has another conversation ({}) for this pair",
                    stored.id
                )));
            }
        }
    }
    // A webhook's token is kept as its hash, so its URL goes on working.
    for webhook in from.webhooks.list(c.id).await? {
        to.webhooks.create(&webhook).await?;
    }
    let Some(first) = from.messages.get(c.id, Seq::after(0)).await? else {
        return Ok(0);
    };
    let mut batch = Batch::default();
    batch.push(first);
    let mut n = 1;
    let mut after = Seq::after(0);
    loop {
        let page = from
            .messages
            .page(
                c.id,
                PageQuery::after(after, Limit::new(100).unwrap_or_default()),
            )
            .await?;
        let Some(last) = page.last() else {
            batch.flush(to).await?;
            return Ok(n);
        };
        after = last.seq;
        for m in page {
            n += 1;
            if batch.push(m) {
                batch.flush(to).await?;
            }
        }
    }
}

/// Messages copied with one `append_all`: one commit in the stores that batch a list.
#[derive(Default)]
struct Batch {
    messages: Vec<Message>,
    bytes: usize,
}

/// A batch is written once it holds this many messages or body bytes.
const BATCH_MESSAGES: usize = 500;
const BATCH_BYTES: usize = 2 << 20;

impl Batch {
    /// Adds `m`; whether the batch is now full.
    fn push(&mut self, m: Message) -> bool {
        self.bytes += m.body.as_str().len();
        self.messages.push(m);
        self.messages.len() >= BATCH_MESSAGES || self.bytes >= BATCH_BYTES
    }

    /// Appends the batch, each message at the seq it had, then replays their changes.
    async fn flush(&mut self, to: &Storage) -> Result<(), RepoError> {
        let messages = std::mem::take(&mut self.messages);
        self.bytes = 0;
        if messages.is_empty() {
            return Ok(());
        }
        let drafts = messages.iter().map(draft).collect();
        let outcomes = to.messages.append_all(drafts).await;
        for (m, outcome) in messages.iter().zip(outcomes) {
            let stored = outcome?;
            if !stored.created || stored.message.seq != m.seq {
                return Err(RepoError::Conflict(format!(
                    "message {} landed at {} in the target",
                    m.seq.get(),
                    stored.message.seq.get()
                )));
            }
        }
        for m in messages {
            replay_changes(to, m).await?;
        }
        Ok(())
    }
}

/// The message as it was first sent.
fn draft(m: &Message) -> NewMessage {
    NewMessage {
        id: m.id,
        conversation_id: m.conversation_id,
        sender_id: m.sender_id,
        kind: m.kind,
        body: m.body.clone(),
        client_msg_id: m.client_msg_id.clone(),
        reply_to: m.reply_to,
        mentions: m.mentions.clone(),
        created_at: m.created_at,
        thread_root: m.thread_root,
        forwarded: m.forwarded,
    }
}

/// Its changes, replayed on the stored copy: the target numbers them with versions of
/// its own. A reply counts itself on its root (stored before it), so the root's summary
/// comes out as it was.
async fn replay_changes(to: &Storage, m: Message) -> Result<(), RepoError> {
    if let Some(root) = m.thread_root {
        let reply = MessageChange::ThreadReply {
            seq: m.seq,
            user: m.sender_id,
            at: m.created_at,
        };
        to.messages.change(m.conversation_id, root, &reply).await?;
    }
    let mut changes = Vec::new();
    if let Some(at) = m.edited_at {
        changes.push(MessageChange::Edit {
            body: m.body.clone(),
            at,
        });
    }
    for r in m.reactions {
        for user in r.users {
            changes.push(MessageChange::React {
                user,
                emoji: r.emoji.clone(),
                on: true,
            });
        }
    }
    if m.deleted {
        changes.push(match m.removed {
            Some(removal) => MessageChange::Remove(removal),
            None => MessageChange::Recall,
        });
    }
    for change in &changes {
        to.messages.change(m.conversation_id, m.seq, change).await?;
    }
    Ok(())
}
