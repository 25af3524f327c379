//! In-memory adapters for every chat-domain port.
//!
//! The reference implementation of each contract (the conformance suite passes on it),
//! the store for tests and for embedding the core without persistence, and the
//! in-process [`MemoryEventBus`] that delivers to connections on this node.
//!
//! ```
//! use chat_memory::MemoryMessages;
//! use chat_domain::ports::MessageRepository;
//! # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! # rt.block_on(async {
//! let messages = MemoryMessages::default();
//! assert_eq!(messages.count().await.unwrap(), 0);
//! # });
//! ```

mod clock;
mod conversations;
mod event_bus;
mod files;
mod messages;
mod presence;
mod push;
mod rate_limiter;
mod sessions;
mod users;

pub use clock::{ManualClock, SystemClock};
pub use conversations::MemoryConversations;
pub use event_bus::MemoryEventBus;
pub use files::MemoryFiles;
pub use messages::MemoryMessages;
pub use presence::MemoryPresence;
pub use push::{LogPush, MemoryPush};
pub use rate_limiter::MemoryRateLimiter;
pub use sessions::MemorySessions;
pub use users::MemoryUsers;

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks a mutex, carrying on past poisoning: every critical section here leaves the
/// data consistent before anything that could panic, so a poisoned lock holds valid data.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
