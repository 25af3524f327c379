//! Presence across nodes: each connection carries an expiry that heartbeats push on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use fred::types::Value;

use chat_domain::entities::{Presence, PresenceStatus};
use chat_domain::ids::{ConnectionId, UserId};
use chat_domain::ports::{PresenceChange, PresenceStore, PresenceTransition};
use chat_domain::RepoError;
use chat_memory::MemoryPresence;

use crate::breaker::Conn;
use crate::error::{corrupt, map};
use crate::keys::Keys;
use crate::scripts::{PRESENCE_DISCONNECT, PRESENCE_EXPIRE, PRESENCE_GET, PRESENCE_TOUCH};

/// Users aged out per sweep call; the sweeper runs again soon for the rest.
const EXPIRE_BATCH: i64 = 500;

/// [`PresenceStore`] on Redis. While Redis is away it answers from this node's own
/// connections (kept in a [`MemoryPresence`] beside). Once Redis answers again, the next
/// [`PresenceStore::expire`] first writes this node's state back: every local connection
/// is recorded again (users who were not online elsewhere come back as changes to
/// announce) and the disconnects Redis missed are replayed.
pub struct RedisPresence {
    client: Conn,
    keys: Keys,
    ttl: Duration,
    local: MemoryPresence,
    degraded: AtomicBool,
    /// Set by any failed write, cleared by a successful write-back.
    out_of_sync: AtomicBool,
    /// Disconnects that did not reach Redis, to replay.
    missed: Mutex<Vec<(UserId, ConnectionId, DateTime<Utc>)>>,
}

fn micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

fn from_micros(us: i64) -> Result<DateTime<Utc>, RepoError> {
    Utc.timestamp_micros(us)
        .single()
        .ok_or_else(|| corrupt("presence time", us))
}

fn transition(came: i64, to: PresenceTransition) -> PresenceTransition {
    if came == 1 {
        to
    } else {
        PresenceTransition::Unchanged
    }
}

impl RedisPresence {
    pub(crate) fn new(client: Conn, keys: Keys, ttl: Duration) -> Self {
        Self {
            client,
            keys,
            ttl,
            local: MemoryPresence::default(),
            degraded: AtomicBool::new(false),
            out_of_sync: AtomicBool::new(false),
            missed: Mutex::new(Vec::new()),
        }
    }

    /// Notes a Redis failure (logged once per outage) and hands back the local answer.
    fn fall_back<T>(&self, e: RepoError, local: T) -> T {
        self.out_of_sync.store(true, Ordering::Relaxed);
        if !self.degraded.swap(true, Ordering::Relaxed) {
            tracing::warn!(error = %e, "presence falls back to this node's connections");
        }
        local
    }

    /// Writes this node's connections back after Redis was unreachable; returns the users
    /// that brings back online.
    async fn write_back(&self, now: DateTime<Utc>) -> Result<Vec<PresenceChange>, RepoError> {
        let missed = std::mem::take(&mut *self.missed.lock().unwrap_or_else(|e| e.into_inner()));
        for (i, (user, connection, at)) in missed.iter().enumerate() {
            // Already announced from local state while Redis was away.
            if let Err(e) = self.remove(*user, *connection, *at).await {
                let mut queue = self.missed.lock().unwrap_or_else(|e| e.into_inner());
                queue.extend_from_slice(&missed[i..]);
                return Err(e);
            }
        }
        let mut back = Vec::new();
        for (user_id, connection) in self.local.connections() {
            if self.touch(user_id, connection, now).await? == 1 {
                back.push(PresenceChange {
                    user_id,
                    status: PresenceStatus::Online,
                    last_seen: None,
                });
            }
        }
        back.sort_by_key(|c| c.user_id);
        back.dedup_by_key(|c| c.user_id);
        Ok(back)
    }

    async fn remove(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<i64, RepoError> {
        crate::scripts::run(
            &PRESENCE_DISCONNECT,
            &self.client,
            vec![
                self.keys.connections(user_id),
                self.keys.expiries(),
                self.keys.last_seen(user_id),
            ],
            vec![
                connection.to_string(),
                micros(now).to_string(),
                user_id.to_string(),
            ],
        )
        .await
    }

    fn recovered(&self) {
        if self.degraded.swap(false, Ordering::Relaxed) {
            tracing::info!("presence is shared across nodes again");
        }
    }

    async fn touch(
        &self,
        user: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<i64, RepoError> {
        let expiry = micros(now) + self.ttl.as_micros() as i64;
        crate::scripts::run(
            &PRESENCE_TOUCH,
            &self.client,
            vec![self.keys.connections(user), self.keys.expiries()],
            vec![
                connection.to_string(),
                micros(now).to_string(),
                expiry.to_string(),
                user.to_string(),
            ],
        )
        .await
    }
}

#[async_trait]
impl PresenceStore for RedisPresence {
    async fn connect(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError> {
        let local = self.local.connect(user_id, connection, now).await?;
        match self.touch(user_id, connection, now).await {
            Ok(came) => {
                self.recovered();
                Ok(transition(came, PresenceTransition::CameOnline))
            }
            Err(e) => Ok(self.fall_back(e, local)),
        }
    }

    async fn disconnect(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError> {
        let local = self.local.disconnect(user_id, connection, now).await?;
        match self.remove(user_id, connection, now).await {
            Ok(gone) => {
                self.recovered();
                Ok(transition(gone, PresenceTransition::WentOffline))
            }
            Err(e) => {
                let mut missed = self.missed.lock().unwrap_or_else(|e| e.into_inner());
                missed.push((user_id, connection, now));
                drop(missed);
                Ok(self.fall_back(e, local))
            }
        }
    }

    async fn heartbeat(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError> {
        match self.touch(user_id, connection, now).await {
            Ok(came) => {
                self.recovered();
                Ok(transition(came, PresenceTransition::CameOnline))
            }
            Err(e) => Ok(self.fall_back(e, PresenceTransition::Unchanged)),
        }
    }

    async fn expire(&self, now: DateTime<Utc>) -> Result<Vec<PresenceChange>, RepoError> {
        // This node's own connections go back first, so it never ages them out itself.
        let mut changes = Vec::new();
        if self.out_of_sync.swap(false, Ordering::Relaxed) {
            match self.write_back(now).await {
                Ok(back) => changes = back,
                Err(e) => {
                    self.out_of_sync.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        let gone: Vec<String> = crate::scripts::run(
            &PRESENCE_EXPIRE,
            &self.client,
            vec![self.keys.expiries()],
            vec![
                self.keys.prefix().to_owned(),
                micros(now).to_string(),
                EXPIRE_BATCH.to_string(),
                (self.ttl.as_micros() as i64).to_string(),
            ],
        )
        .await?;
        for pair in gone.chunks_exact(2) {
            let user_id = pair[0].parse().map_err(|e| corrupt("presence user", e))?;
            let seen = pair[1].parse().map_err(|e| corrupt("presence time", e))?;
            changes.push(PresenceChange {
                user_id,
                status: PresenceStatus::Offline,
                last_seen: Some(from_micros(seen)?),
            });
        }
        Ok(changes)
    }

    async fn get(&self, users: &[UserId]) -> Result<Vec<Presence>, RepoError> {
        let mut args = Vec::with_capacity(users.len() + 1);
        args.push(self.keys.prefix().to_owned());
        args.extend(users.iter().map(UserId::to_string));
        let answer: Result<Vec<Value>, _> =
            crate::scripts::run(&PRESENCE_GET, &self.client, Vec::<String>::new(), args).await;
        let answer = match answer {
            Ok(a) => a,
            Err(e) => return Ok(self.fall_back(e, self.local.get(users).await?)),
        };
        if answer.len() != users.len() * 2 {
            return Err(corrupt(
                "presence answer",
                format!("{} values", answer.len()),
            ));
        }
        users
            .iter()
            .zip(answer.chunks_exact(2))
            .map(|(&user_id, pair)| {
                let connections = pair[0].as_i64().unwrap_or(0).max(0) as u32;
                let seen = pair[1].as_string().unwrap_or_default();
                if connections > 0 {
                    return Ok(Presence {
                        user_id,
                        status: PresenceStatus::Online,
                        connections,
                        last_seen: None,
                    });
                }
                let last_seen = match seen.parse::<i64>() {
                    Ok(us) => Some(from_micros(us)?),
                    Err(_) => None,
                };
                Ok(Presence {
                    last_seen,
                    ..Presence::unknown(user_id)
                })
            })
            .collect()
    }

    async fn live_connections(&self) -> Result<u64, RepoError> {
        use fred::interfaces::SortedSetsInterface;
        let n = match self.client.ready() {
            Ok(()) => self
                .client
                .zcard::<u64, _>(self.keys.expiries())
                .await
                .map_err(map),
            Err(e) => Err(e),
        };
        match n {
            Ok(n) => Ok(n),
            Err(e) => Ok(self.fall_back(e, self.local.live_connections().await?)),
        }
    }
}
