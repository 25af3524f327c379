//! The ports that travel together. A storage backend is opened once and handed over as
//! one [`Storage`]; the live state (presence, events, rate limits, single-use claims) as one [`Live`]. Each
//! is closed the same way, whatever backend is behind it.

use std::sync::Arc;

use async_trait::async_trait;

use super::{
    BlockRepository, ConversationRepository, EventBus, EventOutbox, MessageRepository,
    PresenceStore, RateLimiter, ReplayGuard, ReportRepository, SessionRepository,
    ThreadFollowRepository, UserRepository, WebhookRepository,
};

/// What a backend does when it is no longer needed.
#[async_trait]
pub trait Shutdown: Send + Sync {
    /// Makes everything written durable and lets go of what the backend holds (its
    /// connections; a file store's sidecar indexes are saved, so the next start is
    /// quick). Ports used after this may fail with `Unavailable`.
    async fn close(&self);
}

/// The storage ports of one backend (or of two, for messages kept apart: see
/// [`Storage::with_messages`]).
///
/// ```
/// # use std::sync::Arc;
/// # use chat_domain::ports::{Storage, UserRepository};
/// fn swap_users(mut storage: Storage, users: Arc<dyn UserRepository>) -> Storage {
///     storage.users = users;
///     storage
/// }
/// ```
#[derive(Clone)]
pub struct Storage {
    /// Accounts.
    pub users: Arc<dyn UserRepository>,
    /// Login sessions.
    pub sessions: Arc<dyn SessionRepository>,
    /// Conversations, participants, read and delivery cursors, mutes.
    pub conversations: Arc<dyn ConversationRepository>,
    /// Message logs, their changes and search.
    pub messages: Arc<dyn MessageRepository>,
    /// Members' standing in threads: following, read cursors.
    pub follows: Arc<dyn ThreadFollowRepository>,
    /// Incoming webhooks of groups.
    pub webhooks: Arc<dyn WebhookRepository>,
    /// Events waiting for the host's events receiver.
    pub events: Arc<dyn EventOutbox>,
    /// Who blocks whom.
    pub blocks: Arc<dyn BlockRepository>,
    /// Reports of messages: the admins' moderation queue.
    pub reports: Arc<dyn ReportRepository>,
    shutdown: Shutdowns,
}

/// The shutdown hooks of a bundle, run in the order they joined it.
#[derive(Clone, Default)]
struct Shutdowns(Vec<Arc<dyn Shutdown>>);

impl Shutdowns {
    async fn close(&self) {
        for s in &self.0 {
            s.close().await;
        }
    }
}

impl Storage {
    /// A bundle with nothing to close (an in-memory backend, say).
    // One argument per storage port: a bundle is exactly these.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        users: Arc<dyn UserRepository>,
        sessions: Arc<dyn SessionRepository>,
        conversations: Arc<dyn ConversationRepository>,
        messages: Arc<dyn MessageRepository>,
        follows: Arc<dyn ThreadFollowRepository>,
        webhooks: Arc<dyn WebhookRepository>,
        events: Arc<dyn EventOutbox>,
        blocks: Arc<dyn BlockRepository>,
        reports: Arc<dyn ReportRepository>,
    ) -> Self {
        Self {
            users,
            sessions,
            conversations,
            messages,
            follows,
            webhooks,
            events,
            blocks,
            reports,
            shutdown: Shutdowns::default(),
        }
    }

    /// The same bundle, closed by `shutdown` as well.
    pub fn closed_by(mut self, shutdown: Arc<dyn Shutdown>) -> Self {
        self.shutdown.0.push(shutdown);
        self
    }

    /// The same bundle with its messages kept in `messages` (closed by `shutdown`, after
    /// the rest), as when message files sit beside a database of everything else.
    pub fn with_messages(
        mut self,
        messages: Arc<dyn MessageRepository>,
        shutdown: Arc<dyn Shutdown>,
    ) -> Self {
        self.messages = messages;
        self.closed_by(shutdown)
    }

    /// Closes every backend behind the bundle, in the order they joined it.
    pub async fn close(&self) {
        self.shutdown.close().await;
    }
}

/// The live-state ports of one backend: this node's alone, or shared by several nodes.
#[derive(Clone)]
pub struct Live {
    /// Who is online.
    pub presence: Arc<dyn PresenceStore>,
    /// Fan-out to live connections.
    pub events: Arc<dyn EventBus>,
    /// Rate limits.
    pub rate_limiter: Arc<dyn RateLimiter>,
    /// Single-use claims (of solved challenges).
    pub replay: Arc<dyn ReplayGuard>,
    shutdown: Shutdowns,
}

impl Live {
    /// A bundle with nothing to close (this node's own state, say).
    pub fn new(
        presence: Arc<dyn PresenceStore>,
        events: Arc<dyn EventBus>,
        rate_limiter: Arc<dyn RateLimiter>,
        replay: Arc<dyn ReplayGuard>,
    ) -> Self {
        Self {
            presence,
            events,
            rate_limiter,
            replay,
            shutdown: Shutdowns::default(),
        }
    }

    /// The same bundle, closed by `shutdown` as well.
    pub fn closed_by(mut self, shutdown: Arc<dyn Shutdown>) -> Self {
        self.shutdown.0.push(shutdown);
        self
    }

    /// Closes every backend behind the bundle (a shared one: this node leaves it).
    pub async fn close(&self) {
        self.shutdown.close().await;
    }
}
