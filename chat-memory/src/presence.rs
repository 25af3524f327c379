use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chat_domain::entities::{Presence, PresenceStatus};
use chat_domain::ids::{ConnectionId, UserId};
use chat_domain::ports::{PresenceChange, PresenceStore, PresenceTransition};
use chat_domain::RepoError;

use crate::lock;

#[derive(Default)]
struct Entry {
    connections: HashSet<ConnectionId>,
    last_seen: Option<DateTime<Utc>>,
}

/// [`PresenceStore`] for one node: connections live exactly as long as this process, so
/// heartbeats have nothing to refresh.
#[derive(Default)]
pub struct MemoryPresence(Mutex<HashMap<UserId, Entry>>);

impl MemoryPresence {
    /// Every live connection this store holds (a distributed store re-registers them
    /// after its backend comes back).
    pub fn connections(&self) -> Vec<(UserId, ConnectionId)> {
        lock(&self.0)
            .iter()
            .flat_map(|(u, e)| e.connections.iter().map(move |c| (*u, *c)))
            .collect()
    }
}

#[async_trait]
impl PresenceStore for MemoryPresence {
    async fn connect(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        _now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError> {
        let mut s = lock(&self.0);
        let e = s.entry(user_id).or_default();
        let was_offline = e.connections.is_empty();
        e.connections.insert(connection);
        Ok(if was_offline {
            PresenceTransition::CameOnline
        } else {
            PresenceTransition::Unchanged
        })
    }

    async fn disconnect(
        &self,
        user_id: UserId,
        connection: ConnectionId,
        now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError> {
        let mut s = lock(&self.0);
        let Some(e) = s.get_mut(&user_id) else {
            return Ok(PresenceTransition::Unchanged);
        };
        if e.connections.remove(&connection) && e.connections.is_empty() {
            e.last_seen = Some(now);
            return Ok(PresenceTransition::WentOffline);
        }
        Ok(PresenceTransition::Unchanged)
    }

    async fn heartbeat(
        &self,
        _user_id: UserId,
        _connection: ConnectionId,
        _now: DateTime<Utc>,
    ) -> Result<PresenceTransition, RepoError> {
        Ok(PresenceTransition::Unchanged)
    }

    async fn expire(&self, _now: DateTime<Utc>) -> Result<Vec<PresenceChange>, RepoError> {
        Ok(Vec::new())
    }

    async fn get(&self, users: &[UserId]) -> Result<Vec<Presence>, RepoError> {
        let s = lock(&self.0);
        Ok(users
            .iter()
            .map(|&user_id| match s.get(&user_id) {
                Some(e) if !e.connections.is_empty() => Presence {
                    user_id,
                    status: PresenceStatus::Online,
                    connections: e.connections.len() as u32,
                    last_seen: None,
                },
                Some(e) => Presence {
                    last_seen: e.last_seen,
                    ..Presence::unknown(user_id)
                },
                None => Presence::unknown(user_id),
            })
            .collect())
    }

    async fn live_connections(&self) -> Result<u64, RepoError> {
        Ok(lock(&self.0)
            .values()
            .map(|e| e.connections.len() as u64)
            .sum())
    }
}
