//! The ports: what the core needs from the outside world. Adapters implement them;
//! use cases call them. Every method states its contract, and the conformance suite
//! (`tests/conformance`) checks every adapter against it.

mod before_send;
mod block_repository;
mod bundles;
mod clock;
mod conversation_repository;
mod event_bus;
mod event_delivery;
mod event_outbox;
mod file_store;
mod host_tokens;
mod human_check;
mod message_repository;
mod password_hasher;
mod presence_store;
mod push_gateway;
mod rate_limiter;
mod replay_guard;
mod report_repository;
mod session_repository;
mod strand_scan;
mod sync;
mod thread_follow_repository;
mod user_repository;
mod webhook_repository;

pub use before_send::{BeforeSend, HookFailed, PendingSend, SendVerdict};
pub use block_repository::BlockRepository;
pub use bundles::{Live, Shutdown, Storage};
pub use clock::Clock;
pub use conversation_repository::{ConversationRepository, Membership};
pub use event_bus::{EventBus, EventSink, SinkFull, SubscriptionId};
pub use event_delivery::{DeliveredEvent, DeliveryFailed, EventDelivery, EventPayload};
pub use event_outbox::EventOutbox;
pub use file_store::{FileStore, FileUpload, NewFile, Released};
pub use host_tokens::{HostClaims, HostTokenError, HostTokenVerifier, HostUser};
pub use human_check::{Challenge, HumanCheck, SingleUse, Verdict};
pub use message_repository::{
    Appended, Changed, Erased, MessageRepository, MENTION_SCAN_BUDGET, SEARCH_SCAN_BUDGET,
};
pub use password_hasher::PasswordHasher;
pub use presence_store::{PresenceChange, PresenceStore, PresenceTransition};
pub use push_gateway::{PushGateway, PushNotification, QueueFull};
pub use rate_limiter::{RateDecision, RateLimit, RateLimiter};
pub use replay_guard::ReplayGuard;
pub use report_repository::ReportRepository;
pub use session_repository::SessionRepository;
pub use strand_scan::scan_strand;
pub use sync::{LogMark, SyncPoint};
pub use thread_follow_repository::ThreadFollowRepository;
pub use user_repository::UserRepository;
pub use webhook_repository::WebhookRepository;
