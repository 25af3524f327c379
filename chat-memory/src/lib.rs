//! Every chat-domain port in memory.
//!
//! The reference implementation of each contract (the conformance suite passes on it);
//! the state that the TXT store keeps its metadata in and the Redis store falls back to;
//! the in-process [`MemoryEventBus`] that delivers to this node's connections; the
//! clocks; and the store for tests and for embedding the core without persistence.
//!
//! ```
//! use chat_domain::ports::MessageRepository;
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! # rt.block_on(async {
//! let storage = chat_memory::storage();
//! assert_eq!(storage.messages.count().await.unwrap(), 0);
//! # });
//! ```

mod blocks;
mod clock;
mod conversations;
mod event_bus;
mod files;
mod follows;
mod messages;
mod outbox;
mod presence;
mod push;
mod rate_limiter;
mod replay_guard;
mod reports;
mod sessions;
mod stamps;
mod users;
mod webhooks;

pub use blocks::MemoryBlocks;
pub use clock::{ManualClock, SystemClock};
pub use conversations::MemoryConversations;
pub use event_bus::MemoryEventBus;
pub use files::MemoryFiles;
pub use follows::MemoryFollows;
pub use messages::MemoryMessages;
pub use outbox::MemoryOutbox;
pub use presence::MemoryPresence;
pub use push::{LogPush, MemoryPush};
pub use rate_limiter::MemoryRateLimiter;
pub use replay_guard::MemoryReplayGuard;
pub use reports::MemoryReports;
pub use sessions::MemorySessions;
pub use stamps::Stamps;
pub use users::MemoryUsers;
pub use webhooks::MemoryWebhooks;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chat_domain::ports::{Live, Storage};

/// Fresh, empty storage in memory: nothing survives the process.
pub fn storage() -> Storage {
    Storage::new(
        Arc::new(MemoryUsers::default()),
        Arc::new(MemorySessions::default()),
        Arc::new(MemoryConversations::default()),
        Arc::new(MemoryMessages::default()),
        Arc::new(MemoryFollows::default()),
        Arc::new(MemoryWebhooks::default()),
        Arc::new(MemoryOutbox::default()),
        Arc::new(MemoryBlocks::default()),
        Arc::new(MemoryReports::default()),
    )
}

/// This node's own live state: presence, events to its connections, rate limits,
/// single-use claims.
pub fn live() -> Live {
    Live::new(
        Arc::new(MemoryPresence::default()),
        Arc::new(MemoryEventBus::default()),
        Arc::new(MemoryRateLimiter::default()),
        Arc::new(MemoryReplayGuard::default()),
    )
}

/// Locks a mutex, carrying on past poisoning: every critical section here leaves the
/// data consistent before anything that could panic, so a poisoned lock holds valid data.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
