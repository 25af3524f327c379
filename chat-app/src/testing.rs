//! Test support: mockall mocks of the ports, and a fixture that wires memory adapters
//! with any port swapped for a mock.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use mockall::mock;
use std::sync::Arc;

use chat_adapter_argon2::Argon2Hasher;
use chat_domain::entities::*;
use chat_domain::events::Envelope;
use chat_domain::ids::*;
use chat_domain::ports::*;
use chat_domain::values::*;
use chat_domain::RepoError;
use chat_memory::*;

use crate::{Actor, AppError, ChatApp, Ports, Settings};

mock! {
    pub Messages {}
    #[async_trait]
    impl MessageRepository for Messages {
        async fn append(&self, message: NewMessage) -> Result<Appended, RepoError>;
        async fn append_all(&self, messages: Vec<NewMessage>) -> Vec<Result<Appended, RepoError>>;
        async fn page(&self, id: ConversationId, query: PageQuery) -> Result<Vec<Message>, RepoError>;
        async fn get(&self, id: ConversationId, seq: Seq) -> Result<Option<Message>, RepoError>;
        async fn find_by_client_id(&self, id: ConversationId, sender: UserId, client_msg_id: &ClientMsgId) -> Result<Option<Message>, RepoError>;
        async fn last_seq(&self, id: ConversationId) -> Result<u64, RepoError>;
        async fn latest(&self, ids: &[ConversationId]) -> Result<Vec<Message>, RepoError>;
        async fn sync_point(&self) -> Result<SyncPoint, RepoError>;
        async fn log_marks(&self, ids: &[ConversationId]) -> Result<Vec<LogMark>, RepoError>;
        async fn change(&self, id: ConversationId, seq: Seq, change: &MessageChange) -> Result<Changed, RepoError>;
        async fn changes(&self, id: ConversationId, after_version: u64, limit: Limit) -> Result<Vec<Message>, RepoError>;
        async fn pinned(&self, id: ConversationId) -> Result<Vec<Message>, RepoError>;
        async fn count(&self) -> Result<u64, RepoError>;
    }
}

mock! {
    pub Follows {}
    #[async_trait]
    impl ThreadFollowRepository for Follows {
        async fn update(&self, conversation_id: ConversationId, root: Seq, user_id: UserId, update: FollowUpdate) -> Result<(), RepoError>;
        async fn get(&self, conversation_id: ConversationId, root: Seq, user_id: UserId) -> Result<Option<ThreadFollow>, RepoError>;
        async fn of_user(&self, user_id: UserId) -> Result<Vec<ThreadFollow>, RepoError>;
        async fn followers(&self, conversation_id: ConversationId, root: Seq) -> Result<Vec<UserId>, RepoError>;
    }
}

mock! {
    pub Bus {}
    #[async_trait]
    impl EventBus for Bus {
        async fn publish(&self, envelope: Arc<Envelope>) -> Result<(), RepoError>;
        async fn subscribe(&self, user_id: UserId, sink: Arc<dyn EventSink>) -> Result<SubscriptionId, RepoError>;
        async fn unsubscribe(&self, user_id: UserId, id: SubscriptionId) -> Result<(), RepoError>;
    }
}

mock! {
    pub Limiter {}
    #[async_trait]
    impl RateLimiter for Limiter {
        async fn check(&self, key: &str, limit: RateLimit, now: DateTime<Utc>) -> Result<RateDecision, RepoError>;
        async fn count(&self, key: &str, window: std::time::Duration, now: DateTime<Utc>) -> Result<u32, RepoError>;
    }
}

mock! {
    pub Conversations {}
    #[async_trait]
    impl ConversationRepository for Conversations {
        async fn create_group(&self, conversation: &Conversation, members: &[Participant]) -> Result<(), RepoError>;
        async fn get_or_create_direct(&self, pair: DirectPair, candidate: &Conversation, participants: [Participant; 2]) -> Result<(Conversation, bool), RepoError>;
        async fn get(&self, id: ConversationId) -> Result<Conversation, RepoError>;
        async fn participants(&self, id: ConversationId) -> Result<Vec<Participant>, RepoError>;
        async fn participant(&self, id: ConversationId, user_id: UserId) -> Result<Option<Participant>, RepoError>;
        async fn add_participant(&self, participant: &Participant) -> Result<(), RepoError>;
        async fn remove_participant(&self, id: ConversationId, user_id: UserId) -> Result<(), RepoError>;
        async fn set_role(&self, id: ConversationId, user_id: UserId, role: ParticipantRole) -> Result<(), RepoError>;
        async fn set_muted(&self, id: ConversationId, user_id: UserId, muted: bool) -> Result<(), RepoError>;
        async fn advance_read_cursor(&self, id: ConversationId, user_id: UserId, seq: u64) -> Result<u64, RepoError>;
        async fn advance_delivered(&self, id: ConversationId, user_id: UserId, seq: u64) -> Result<Option<u64>, RepoError>;
        async fn memberships(&self, user_id: UserId) -> Result<Vec<Membership>, RepoError>;
        async fn sync_point(&self) -> Result<SyncPoint, RepoError>;
        async fn left_since(&self, user_id: UserId, since: u64) -> Result<Vec<(ConversationId, u64)>, RepoError>;
        async fn contacts(&self, user_id: UserId) -> Result<Vec<UserId>, RepoError>;
        async fn mark_sent(&self, id: ConversationId, user_id: UserId) -> Result<(), RepoError>;
        async fn list(&self, after: Option<ConversationId>, limit: usize) -> Result<Vec<Conversation>, RepoError>;
        async fn count(&self) -> Result<u64, RepoError>;
    }
}

mock! {
    pub Sessions {}
    #[async_trait]
    impl SessionRepository for Sessions {
        async fn create(&self, session: &Session) -> Result<(), RepoError>;
        async fn find_active(&self, token_hash: &TokenHash, now: DateTime<Utc>) -> Result<Option<Session>, RepoError>;
        async fn list_active(&self, user_id: UserId, now: DateTime<Utc>) -> Result<Vec<Session>, RepoError>;
        async fn touch(&self, token_hash: &TokenHash, at: DateTime<Utc>) -> Result<(), RepoError>;
        async fn revoke(&self, token_hash: &TokenHash) -> Result<bool, RepoError>;
        async fn revoke_all(&self, user_id: UserId) -> Result<u64, RepoError>;
        async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError>;
    }
}

mock! {
    pub Hook {}
    #[async_trait]
    impl BeforeSend for Hook {
        async fn check(&self, sends: &[PendingSend]) -> Result<Vec<SendVerdict>, HookFailed>;
    }
}

mock! {
    pub Outbox {}
    #[async_trait]
    impl EventOutbox for Outbox {
        async fn enqueue(&self, events: &[OutboxEvent]) -> Result<(), RepoError>;
        async fn pending(&self, after: Option<u64>, limit: usize) -> Result<Vec<QueuedEvent>, RepoError>;
        async fn remove(&self, positions: &[u64]) -> Result<(), RepoError>;
        async fn lease(&self, holder: &str, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<bool, RepoError>;
    }
}

mock! {
    pub Delivery {}
    #[async_trait]
    impl EventDelivery for Delivery {
        async fn deliver(&self, event: &DeliveredEvent) -> Result<(), DeliveryFailed>;
    }
}

/// Memory adapters for every port, with a manual clock.
pub fn memory_ports() -> Ports {
    Ports {
        storage: chat_memory::storage(),
        live: chat_memory::live(),
        hasher: Arc::new(Argon2Hasher::fast_for_tests()),
        clock: Arc::new(ManualClock::new(now())),
        files: Arc::new(MemoryFiles::default()),
        push: Arc::new(MemoryPush::default()),
        human_check: None,
        host_tokens: None,
        before_send: None,
        events_out: None,
    }
}

/// [`memory_ports`] with some swapped (for mocks) by `swap`.
pub fn memory_ports_with(swap: impl FnOnce(&mut Ports)) -> Ports {
    let mut ports = memory_ports();
    swap(&mut ports);
    ports
}

/// The fixed "now" of [`memory_ports`].
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-04T05:06:07Z")
        .unwrap()
        .into()
}

/// The name of an error's variant, for assertions (`"BadRequest"`, …).
pub fn variant(e: &AppError) -> &'static str {
    match e {
        AppError::BadRequest(_) => "BadRequest",
        AppError::Unauthorized(_) => "Unauthorized",
        AppError::Forbidden(_) => "Forbidden",
        AppError::NotFound(_) => "NotFound",
        AppError::Conflict(_) => "Conflict",
        AppError::RateLimited { .. } => "RateLimited",
        AppError::TooLarge(_) => "TooLarge",
        AppError::RangeNotSatisfiable { .. } => "RangeNotSatisfiable",
        AppError::InsufficientStorage(_) => "InsufficientStorage",
        AppError::ChallengeRequired(_) => "ChallengeRequired",
        AppError::ChallengeFailed(_) => "ChallengeFailed",
        AppError::Unavailable(_) => "Unavailable",
        AppError::Internal(_) => "Internal",
    }
}

pub fn app(ports: Ports) -> ChatApp {
    ChatApp::new(ports, Settings::default())
}

/// An actor with a made-up session (not stored anywhere).
pub fn actor(name: &str) -> Actor {
    let user = User {
        id: UserId::new(),
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse(name).unwrap(),
        password_hash: Some(PasswordHash::new("x")),
        role: UserRole::User,
        banned: false,
        created_at: now(),
        bot: false,
        host: None,
    };
    let session = Session {
        token_hash: TokenHash::from_hex(format!("{}", UserId::new())),
        user_id: user.id,
        created_at: now(),
        expires_at: now() + Duration::hours(1),
        last_used_at: now(),
        user_agent: None,
    };
    Actor {
        user,
        session,
        host_token: false,
    }
}

/// A group of `members` (the first is owner, the rest members) stored in `repo`.
pub async fn seed_group(repo: &dyn ConversationRepository, members: &[&Actor]) -> ConversationId {
    let c = Conversation {
        id: ConversationId::new(),
        ty: ConversationType::Group {
            title: Title::parse("team").unwrap(),
        },
        created_by: members[0].id(),
        created_at: now(),
    };
    let ps: Vec<_> = members
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let role = if i == 0 {
                ParticipantRole::Owner
            } else {
                ParticipantRole::Member
            };
            Participant::join(c.id, a.id(), role, now() + Duration::seconds(i as i64))
        })
        .collect();
    repo.create_group(&c, &ps).await.unwrap();
    c.id
}
