use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

use chat_domain::entities::Participant;
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::{ConnectionId, ConversationId, UserId};
use chat_domain::ports::{
    BeforeSend, Clock, EventDelivery, FileStore, HostTokenVerifier, HumanCheck, Live,
    PasswordHasher, PushGateway, RateDecision, RateLimit, Storage,
};
use chat_domain::rules;

use crate::AppError;

/// The ports the use cases run on: a storage backend and the live state, each handed
/// over as one bundle, and the four single ports beside them.
#[derive(Clone)]
pub struct Ports {
    /// Accounts, sessions, conversations, messages.
    pub storage: Storage,
    /// Presence, fan-out to live connections, rate limits.
    pub live: Live,
    /// Password hashing.
    pub hasher: Arc<dyn PasswordHasher>,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// Uploaded files.
    pub files: Arc<dyn FileStore>,
    /// Notifications for members who are offline.
    pub push: Arc<dyn PushGateway>,
    /// The "is this a person" check that guards sign-ups, and logins after repeated
    /// failures; `None` turns challenges off.
    pub human_check: Option<Arc<dyn HumanCheck>>,
    /// Verifies tokens a host service issues for its own users (JWTs), accepted wherever
    /// a session token is; `None` accepts none.
    pub host_tokens: Option<Arc<dyn HostTokenVerifier>>,
    /// Sees every send before it is stored and accepts, replaces or rejects it; `None`
    /// stores sends as they come.
    pub before_send: Option<Arc<dyn BeforeSend>>,
    /// Hands events (messages created and updated, members added and removed,
    /// conversations created) to the host's systems; with one, events are queued in the
    /// store and delivered by [`ChatApp::deliver_events`]. `None` queues nothing.
    pub events_out: Option<Arc<dyn EventDelivery>>,
}

/// Policy: the numbers an operator may tune.
#[derive(Clone, Debug)]
pub struct Settings {
    /// How long a login session lasts.
    pub token_ttl: Duration,
    /// Messages a user may send per window.
    pub send_limit: RateLimit,
    /// Logins and registrations a client address may attempt per window.
    pub auth_limit: RateLimit,
    /// Login attempts one username may get per window, from all addresses together
    /// (whether or not the account exists, so the answer tells nothing): guessing is
    /// slowed to this, and the real user waits at most one window.
    pub login_limit: RateLimit,
    /// Uploads one user may make per window.
    pub upload_limit: RateLimit,
    /// Bytes one user may have uploaded in all; past it an upload is `too_large`.
    pub upload_quota_bytes: u64,
    /// Free bytes the file store's disk keeps for messages: below it uploads are
    /// refused (`insufficient_storage`).
    pub min_free_disk_bytes: u64,
    /// Typing notices a user may send per window (clients send one every few seconds
    /// while typing).
    pub typing_limit: RateLimit,
    /// Most members a group may have.
    pub max_group_members: usize,
    /// Most users a search returns.
    pub search_limit: usize,
    /// How long after sending the sender may recall a message (a group's owner and
    /// admins may at any time).
    pub recall_window: Duration,
    /// Most members one message may mention.
    pub max_mentions: usize,
    /// What a send becomes when the before-send hook gives no usable answer.
    pub before_send_failure: HookFailurePolicy,
    /// How queued events are delivered.
    pub events: crate::EventDeliverySettings,
    /// How soon a tombstone's former content must be gone from the store's files and
    /// rows ([`crate::ChatApp::keep_erasing`] runs a pass four times as often).
    pub erase_within: Duration,
}

/// What to do with a send the before-send hook did not decide (no answer in time, or a
/// broken one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HookFailurePolicy {
    /// Store nothing and answer `unavailable`: nothing unscreened gets in.
    #[default]
    Reject,
    /// Store it as sent: the chat keeps working while the hook is away.
    Accept,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            token_ttl: Duration::from_secs(7 * 24 * 3600),
            send_limit: RateLimit {
                max: 120,
                window: Duration::from_secs(60),
            },
            auth_limit: RateLimit {
                max: 20,
                window: Duration::from_secs(60),
            },
            login_limit: RateLimit {
                max: 6,
                window: Duration::from_secs(60),
            },
            upload_limit: RateLimit {
                max: 20,
                window: Duration::from_secs(60),
            },
            upload_quota_bytes: 1024 * 1024 * 1024,
            min_free_disk_bytes: 512 * 1024 * 1024,
            typing_limit: RateLimit {
                max: 10,
                window: Duration::from_secs(10),
            },
            max_group_members: 1000,
            search_limit: 20,
            recall_window: Duration::from_secs(2 * 60),
            max_mentions: 20,
            before_send_failure: HookFailurePolicy::Reject,
            events: crate::EventDeliverySettings::default(),
            erase_within: Duration::from_secs(10 * 60),
        }
    }
}

/// The chat core: every use case is a method (see the `use_cases` module for the list).
#[derive(Clone)]
pub struct ChatApp {
    pub(crate) ports: Ports,
    pub(crate) settings: Settings,
    pub(crate) push_dropped: Arc<AtomicU64>,
    pub(crate) outbound: Arc<crate::use_cases::Outbound>,
}

impl ChatApp {
    /// A chat core over `ports` with `settings`.
    pub fn new(ports: Ports, settings: Settings) -> Self {
        Self {
            ports,
            settings,
            push_dropped: Arc::new(AtomicU64::new(0)),
            outbound: Arc::default(),
        }
    }

    /// The ports, for adapters that need one directly (a health check, say).
    pub fn ports(&self) -> &Ports {
        &self.ports
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The caller's membership of a conversation, or forbidden. An unknown conversation is
    /// forbidden too, so non-members cannot probe which ids exist.
    pub(crate) async fn membership(
        &self,
        conversation_id: ConversationId,
        user_id: UserId,
    ) -> Result<Participant, AppError> {
        let p = self
            .ports
            .storage
            .conversations
            .participant(conversation_id, user_id)
            .await?;
        Ok(rules::ensure_member(p.as_ref())?.clone())
    }

    /// Counts an action against `limit` under `key`.
    pub(crate) async fn rate_check(&self, key: &str, limit: RateLimit) -> Result<(), AppError> {
        let now = self.ports.clock.now();
        match self.ports.live.rate_limiter.check(key, limit, now).await? {
            RateDecision::Allowed => Ok(()),
            RateDecision::Limited { retry_after } => Err(AppError::RateLimited { retry_after }),
        }
    }

    /// Publishes an event to the members of a conversation and returns them (for more
    /// work on the same audience without reading it again). By now the change behind the
    /// event is stored, so a failure to find its audience is logged, not reported: the
    /// caller must not hear "unavailable" (nothing happened) for what did happen. Clients
    /// catch up with history.
    pub(crate) async fn publish_to_members(
        &self,
        conversation_id: ConversationId,
        event: DomainEvent,
        skip_user: Option<UserId>,
        skip_connection: Option<ConnectionId>,
    ) -> Result<Vec<Participant>, AppError> {
        self.record(&event).await;
        let members = match self
            .ports
            .storage
            .conversations
            .participants(conversation_id)
            .await
        {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(conversation = %conversation_id, error = %e, "event not delivered: members unknown");
                return Ok(Vec::new());
            }
        };
        let audience = members
            .iter()
            .map(|p| p.user_id)
            .filter(|u| Some(*u) != skip_user)
            .collect();
        self.broadcast(Envelope::new(event, audience).skipping(skip_connection))
            .await;
        Ok(members)
    }

    /// Publishes an envelope: queued for the host's events receiver when it is one of
    /// theirs (see [`ChatApp::record`]), then handed to live connections. The change
    /// behind it is stored already, so nothing here fails the caller.
    pub(crate) async fn publish(&self, envelope: Envelope) -> Result<(), AppError> {
        self.record(&envelope.event).await;
        self.broadcast(envelope).await;
        Ok(())
    }

    /// Hands an envelope to live connections. A bus that could not reach other nodes has
    /// still delivered locally, and the state change behind the event is already stored,
    /// so that failure is logged by the adapter and not reported to the caller as a
    /// failed action.
    async fn broadcast(&self, envelope: Envelope) {
        if envelope.audience.is_empty() {
            return;
        }
        if let Err(e) = self.ports.live.events.publish(Arc::new(envelope)).await {
            tracing::warn!(error = %e, "event not handed to every node");
        }
    }
}
