//! Key and channel names, all under one prefix.

use chat_domain::ids::UserId;

/// Builds the names this adapter uses.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    prefix: String,
}

impl Keys {
    pub(crate) fn new(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_owned(),
        }
    }

    /// The prefix itself (scripts compute keys from it).
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// A user's live connections (zset: connection → expiry).
    pub(crate) fn connections(&self, user: UserId) -> String {
        format!("{}p:{user}:conns", self.prefix)
    }

    /// Every connection's expiry (zset: "user|connection" → expiry).
    pub(crate) fn expiries(&self) -> String {
        format!("{}p:expiry", self.prefix)
    }

    /// When a user was last seen (microseconds since the epoch).
    pub(crate) fn last_seen(&self, user: UserId) -> String {
        format!("{}p:{user}:seen", self.prefix)
    }

    /// A rate-limit counter for one window.
    pub(crate) fn rate(&self, key: &str, window_ms: i64, index: i64) -> String {
        format!("{}rl:{key}:{window_ms}:{index}", self.prefix)
    }

    /// A single-use claim (expires at its time).
    pub(crate) fn claim(&self, key: &str) -> String {
        format!("{}once:{key}", self.prefix)
    }

    /// The nodes with a subscriber for `user` (set).
    pub(crate) fn user_nodes(&self, user: UserId) -> String {
        format!("{}u:{user}:nodes", self.prefix)
    }

    /// Exists while `node` is alive (refreshed with an expiry).
    pub(crate) fn node_alive(&self, node: &str) -> String {
        format!("{}node:{node}", self.prefix)
    }

    /// The channel `node` receives events on.
    pub(crate) fn node_channel(&self, node: &str) -> String {
        format!("{}node:{node}:events", self.prefix)
    }
}
