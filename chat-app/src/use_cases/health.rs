use crate::ChatApp;

/// The state of each backend the core depends on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Health {
    /// The parts that failed their check, with why: this node cannot serve.
    pub failing: Vec<(&'static str, String)>,
    /// The parts running in a reduced mode, with why: this node serves its own
    /// connections (events do not reach other nodes), so it stays in rotation.
    pub degraded: Vec<(&'static str, String)>,
}

impl Health {
    /// Whether every part answered.
    pub fn is_ok(&self) -> bool {
        self.failing.is_empty() && self.degraded.is_empty()
    }
}

impl ChatApp {
    /// Asks each backend a cheap question: storage (users, conversations, messages) and
    /// live state (presence, and whether events reach other nodes).
    pub async fn health(&self) -> Health {
        let p = &self.ports;
        let checks = [
            ("users", p.storage.users.ping().await.err()),
            ("conversations", p.storage.conversations.ping().await.err()),
            ("messages", p.storage.messages.ping().await.err()),
            ("presence", p.live.presence.live_connections().await.err()),
        ];
        let events = p.live.events.health().await.err();
        Health {
            failing: checks
                .into_iter()
                .filter_map(|(part, e)| e.map(|e| (part, e.to_string())))
                .collect(),
            degraded: events
                .map(|e| vec![("events", e.to_string())])
                .unwrap_or_default(),
        }
    }
}
