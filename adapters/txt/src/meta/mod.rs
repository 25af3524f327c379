//! Users, sessions, conversations, participants and read cursors: held in the memory
//! adapters (the index), made durable by an append-only log of [`MetaOp`]s that is
//! compacted into a snapshot every so often, so startup replays one snapshot and a short
//! log rather than years of history.
//!
//! Files: `meta/snapshot` (the state as ops, first line `{"generation": g}`) and
//! `meta/log.<g>` (the ops since that snapshot). Compaction writes generation g+1's
//! snapshot to a temporary file, syncs and renames it, then starts `log.<g+1>`.

mod blocks;
mod follows;
mod ops;
mod outbox;
mod reports;
mod repos;
mod webhooks;

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chat_domain::entities::QueuedEvent;
use chat_domain::ports::{
    BlockRepository, ConversationRepository, EventOutbox, ReportRepository, SessionRepository,
    UserRepository, WebhookRepository,
};
use chat_domain::RepoError;
use chat_memory::{
    MemoryBlocks, MemoryConversations, MemoryFollows, MemoryOutbox, MemoryReports, MemorySessions,
    MemoryUsers, MemoryWebhooks,
};

pub use blocks::TxtBlocks;
pub use follows::TxtFollows;
pub use ops::MetaOp;
pub use outbox::TxtOutbox;
pub use reports::TxtReports;
pub use repos::{TxtConversations, TxtSessions, TxtUsers};
pub use webhooks::TxtWebhooks;

use crate::config::{FsyncMode, TxtConfig};
use crate::{io_error, line, records};

/// The in-memory state and the durable log behind it.
pub struct Meta {
    pub(crate) state: State,
    /// Serialises check + log + apply, so a check always sees every earlier change.
    pub(crate) log: tokio::sync::Mutex<Log>,
}

/// The state, held by the memory adapters.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) users: MemoryUsers,
    pub(crate) sessions: MemorySessions,
    pub(crate) conversations: MemoryConversations,
    pub(crate) follows: MemoryFollows,
    pub(crate) webhooks: MemoryWebhooks,
    pub(crate) events: MemoryOutbox,
    pub(crate) blocks: MemoryBlocks,
    pub(crate) reports: MemoryReports,
}

pub(crate) struct Log {
    dir: PathBuf,
    generation: u64,
    file: File,
    records: u64,
    config: TxtConfig,
    /// Set by [`Meta::close`]: no change is logged after it.
    closed: bool,
}

fn log_path(dir: &Path, generation: u64) -> PathBuf {
    dir.join(format!("log.{generation}"))
}

impl Meta {
    /// Loads the snapshot and replays the log under `dir`, truncating a torn last record.
    pub fn open(dir: &Path, config: &TxtConfig) -> Result<Self, RepoError> {
        crate::private::create_dir_all(dir).map_err(|e| io_error("create meta dir", dir, e))?;
        let state = State::default();
        let snapshot = dir.join("snapshot");
        let mut generation = 0;
        if snapshot.exists() {
            let buf = fs::read(&snapshot).map_err(|e| io_error("read", &snapshot, e))?;
            let mut records = line::lines(&buf);
            let header = records
                .next()
                .ok_or_else(|| corrupt(&snapshot, 1, "empty snapshot"))?;
            let json = line::decode(header.1).map_err(|_| corrupt(&snapshot, 1, "bad header"))?;
            let h: serde_json::Value =
                serde_json::from_slice(json).map_err(|_| corrupt(&snapshot, 1, "bad header"))?;
            generation = h["generation"]
                .as_u64()
                .ok_or_else(|| corrupt(&snapshot, 1, "no generation"))?;
            for (n, (_, raw)) in records.enumerate() {
                let op = line::decode(raw)
                    .ok()
                    .and_then(|j| records::meta::decode(j).ok())
                    .ok_or_else(|| corrupt(&snapshot, n + 2, "checksum or format"))?;
                state.apply(op);
            }
        }
        // Every log from the snapshot's generation on, oldest first: a compaction that
        // stopped before its snapshot was renamed leaves two logs that both count.
        let mut generations: Vec<u64> = fs::read_dir(dir)
            .map_err(|e| io_error("list", dir, e))?
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_prefix("log.")?.parse().ok())
            .collect();
        generations.sort_unstable();
        for g in generations.iter().filter(|g| **g < generation) {
            // Already in the snapshot.
            let _ = fs::remove_file(log_path(dir, *g));
        }
        generations.retain(|g| *g >= generation);
        let newest = generations.last().copied().unwrap_or(generation);
        let mut records = 0;
        for g in &generations {
            let path = log_path(dir, *g);
            let buf = fs::read(&path).map_err(|e| io_error("read", &path, e))?;
            let all: Vec<_> = line::lines(&buf).collect();
            let mut good_len = 0;
            for (i, (offset, raw)) in all.iter().enumerate() {
                let json = line::decode(raw).ok();
                match json.and_then(|j| records::meta::decode(j).ok()) {
                    Some(op) => {
                        state.apply(op);
                        records += 1;
                        good_len = offset + raw.len();
                    }
                    // Only a line whose checksum fails can be a torn write; a whole line
                    // this build cannot read (a newer build's) is never cut off.
                    None if json.is_none() && i + 1 == all.len() && *g == newest => {
                        tracing::warn!(path = %path.display(), line = i + 1, "truncating a torn last record");
                    }
                    None if json.is_some() => {
                        return Err(corrupt(
                            &path,
                            i + 1,
                            "a record this build cannot read (written by a newer build?)",
                        ))
                    }
                    None => return Err(corrupt(&path, i + 1, "checksum or format")),
                }
            }
            if good_len < buf.len() {
                crate::private::options()
                    .write(true)
                    .open(&path)
                    .and_then(|f| f.set_len(good_len as u64))
                    .map_err(|e| io_error("truncate", &path, e))?;
            }
        }
        let path = log_path(dir, newest);
        let file = crate::private::options()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| io_error("open", &path, e))?;
        let generation = newest;
        let log = Log {
            dir: dir.to_owned(),
            generation,
            file,
            records,
            config: config.clone(),
            closed: false,
        };
        Ok(Self {
            state,
            log: tokio::sync::Mutex::new(log),
        })
    }

    /// Syncs the log and refuses every later change, so another process may take the
    /// directory.
    pub async fn close(&self) {
        let mut log = self.log.lock().await;
        if let Err(e) = log.file.sync_data() {
            tracing::warn!(error = %e, "syncing the metadata log at close");
        }
        log.closed = true;
    }

    /// Makes `op` durable, then applies it. The caller holds `log` and has checked `op`.
    pub(crate) async fn commit(&self, log: &mut Log, op: MetaOp) -> Result<(), RepoError> {
        self.write(log, op, true).await
    }

    /// Writes `op` and applies it without a sync of its own: for a change whose loss in
    /// a power cut is harmless (a session's last use). The next durable change, or the
    /// close, syncs it.
    pub(crate) async fn commit_lazily(&self, log: &mut Log, op: MetaOp) -> Result<(), RepoError> {
        self.write(log, op, false).await
    }

    async fn write(&self, log: &mut Log, op: MetaOp, sync: bool) -> Result<(), RepoError> {
        if log.closed {
            return Err(RepoError::Unavailable("the TXT store is closed".into()));
        }
        let json = records::meta::encode(&op);
        let mut buf = Vec::with_capacity(json.len() + 10);
        line::encode(&json, &mut buf);
        let path = log_path(&log.dir, log.generation);
        let before = log.file.metadata().map(|m| m.len()).ok();
        let written = log
            .file
            .write_all(&buf)
            .and_then(|()| match log.config.fsync {
                FsyncMode::Always if sync => log.file.sync_data(),
                _ => Ok(()),
            });
        if let Err(e) = written {
            // Leave no partial record behind for the next append to follow.
            if let Some(len) = before {
                let _ = log.file.set_len(len);
            }
            return Err(io_error("append", &path, e));
        }
        self.state.apply_async(op).await?;
        log.records += 1;
        if log.records >= log.config.snapshot_every {
            if let Err(e) = self.compact(log) {
                tracing::warn!(error = %e, "metadata compaction failed; the log keeps growing");
            }
        }
        Ok(())
    }

    /// Writes the whole state as generation g+1's snapshot and starts a new log.
    fn compact(&self, log: &mut Log) -> Result<(), RepoError> {
        let next = log.generation + 1;
        let mut buf = Vec::new();
        line::encode(format!(r#"{{"generation":{next}}}"#).as_bytes(), &mut buf);
        let mut push = |op: &MetaOp| line::encode(&records::meta::encode(op), &mut buf);
        for user in self.state.users.all() {
            push(&MetaOp::UserCreate { user });
        }
        for session in self.state.sessions.all() {
            push(&MetaOp::SessionCreate { session });
        }
        for (conversation, members) in self.state.conversations.all() {
            match (
                conversation.direct_pair(),
                <[_; 2]>::try_from(members.clone()),
            ) {
                (Some(pair), Ok(participants)) => push(&MetaOp::DirectCreate {
                    pair,
                    conversation,
                    participants,
                }),
                _ => push(&MetaOp::GroupCreate {
                    conversation,
                    members,
                }),
            }
        }
        for follow in self.state.follows.all() {
            push(&MetaOp::ThreadMark { follow });
        }
        for webhook in self.state.webhooks.all() {
            push(&MetaOp::WebhookCreate { webhook });
        }
        for (blocker, blocked, at) in self.state.blocks.all() {
            push(&MetaOp::BlockSet {
                blocker,
                blocked,
                at,
            });
        }
        for report in self.state.reports.all() {
            push(&MetaOp::ReportCreate { report });
        }
        for queued in self.state.events.all() {
            push(&MetaOp::EventsQueued {
                first: queued.position,
                events: vec![queued.event],
            });
        }
        let tmp = log.dir.join("snapshot.tmp");
        let target = log.dir.join("snapshot");
        let new_log = log_path(&log.dir, next);
        let sync_dir = |dir: &Path| File::open(dir).and_then(|d| d.sync_all());
        // 1. The snapshot, durable under a temporary name.
        crate::private::create(&tmp)
            .and_then(|mut f| f.write_all(&buf).and_then(|()| f.sync_all()))
            .map_err(|e| io_error("write snapshot", &tmp, e))?;
        // 2. The next log, durable and empty; changes go to it from now on. Until the
        //    rename below, startup replays the old snapshot, the old log and this one.
        let file = crate::private::options()
            .create(true)
            .truncate(true)
            .write(true)
            .open(&new_log)
            .and_then(|f| f.sync_all())
            .and_then(|()| sync_dir(&log.dir))
            .and_then(|()| crate::private::options().append(true).open(&new_log))
            .map_err(|e| io_error("create", &new_log, e))?;
        let old = log_path(&log.dir, log.generation);
        log.file = file;
        log.generation = next;
        log.records = 0;
        // 3. The snapshot takes over; then the old log is no longer needed.
        fs::rename(&tmp, &target)
            .and_then(|()| sync_dir(&log.dir))
            .map_err(|e| io_error("rename", &target, e))?;
        let _ = fs::remove_file(old);
        Ok(())
    }
}

impl State {
    /// Applies a logged op to the in-memory state. Ops were checked before they were
    /// logged, so a failure here means the log disagrees with itself; it is logged.
    fn apply(&self, op: MetaOp) {
        let done = futures_now(self.apply_async(op));
        if let Err(e) = done {
            tracing::warn!(error = %e, "a metadata record did not apply");
        }
    }

    async fn apply_async(&self, op: MetaOp) -> Result<(), RepoError> {
        match op {
            MetaOp::UserCreate { user } => self.users.create(&user).await,
            MetaOp::UserBanned { id, banned } => self.users.set_banned(id, banned).await.map(drop),
            MetaOp::SessionCreate { session } => self.sessions.create(&session).await,
            MetaOp::SessionRevoke { token_hash } => {
                self.sessions.revoke(&token_hash).await.map(drop)
            }
            MetaOp::SessionRevokeAll { user_id } => {
                self.sessions.revoke_all(user_id).await.map(drop)
            }
            MetaOp::SessionTouch { token_hash, at } => self.sessions.touch(&token_hash, at).await,
            MetaOp::SessionPurge { now } => self.sessions.purge_expired(now).await.map(drop),
            MetaOp::GroupCreate {
                conversation,
                members,
            } => {
                self.conversations
                    .create_group(&conversation, &members)
                    .await
            }
            MetaOp::DirectCreate {
                pair,
                conversation,
                participants,
            } => self
                .conversations
                .get_or_create_direct(pair, &conversation, participants)
                .await
                .map(drop),
            MetaOp::ParticipantAdd { participant } => {
                self.conversations.add_participant(&participant).await
            }
            MetaOp::ParticipantRemove {
                conversation_id,
                user_id,
            } => {
                self.conversations
                    .remove_participant(conversation_id, user_id)
                    .await
            }
            MetaOp::RoleSet {
                conversation_id,
                user_id,
                role,
            } => {
                self.conversations
                    .set_role(conversation_id, user_id, role)
                    .await
            }
            MetaOp::ReadCursor {
                conversation_id,
                user_id,
                seq,
            } => self
                .conversations
                .advance_read_cursor(conversation_id, user_id, seq)
                .await
                .map(drop),
            MetaOp::SentMark {
                conversation_id,
                user_id,
            } => self.conversations.mark_sent(conversation_id, user_id).await,
            MetaOp::MuteSet {
                conversation_id,
                user_id,
                muted,
            } => {
                self.conversations
                    .set_muted(conversation_id, user_id, muted)
                    .await
            }
            MetaOp::DeliveredCursor {
                conversation_id,
                user_id,
                seq,
            } => self
                .conversations
                .advance_delivered(conversation_id, user_id, seq)
                .await
                .map(drop),
            MetaOp::ThreadMark { follow } => {
                self.follows.set(follow);
                Ok(())
            }
            MetaOp::WebhookCreate { webhook } => self.webhooks.create(&webhook).await,
            MetaOp::EventsQueued { first, events } => {
                for (position, event) in (first..).zip(events) {
                    self.events.insert(QueuedEvent { position, event });
                }
                Ok(())
            }
            MetaOp::EventsRemoved { positions } => self.events.remove(&positions).await,
            MetaOp::BlockSet {
                blocker,
                blocked,
                at,
            } => self.blocks.block(blocker, blocked, at).await,
            MetaOp::BlockClear { blocker, blocked } => self.blocks.unblock(blocker, blocked).await,
            MetaOp::ReportCreate { report } => self.reports.create(&report).await,
            MetaOp::ReportResolve { id, resolution } => {
                self.reports.resolve(id, &resolution).await.map(drop)
            }
            MetaOp::WebhookDelete {
                conversation_id,
                id,
            } => self.webhooks.delete(conversation_id, id).await.map(drop),
        }
    }
}

fn corrupt(path: &Path, line: usize, what: &str) -> RepoError {
    RepoError::Corrupt(format!("{} line {line}: {what}", path.display()))
}

/// Runs a future that never waits (the memory adapters answer at once) to completion.
fn futures_now<F: std::future::Future>(f: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}
