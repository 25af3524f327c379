//! The chat use cases, written against the chat-domain ports only.
//!
//! [`ChatApp`] holds the ports ([`Ports`]) and the policy ([`Settings`]); each use case is
//! a method on it, defined in its own file under `use_cases/`. Every failure is an
//! [`AppError`] with a stable wire code.
//!
//! ```
//! # use std::sync::Arc;
//! # use chat_app::{ChatApp, Ports, Settings, RegisterUser, Login};
//! # use chat_memory::*;
//! # use chat_adapter_argon2::Argon2Hasher;
//! # let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! # rt.block_on(async {
//! let ports = Ports {
//!     users: Arc::new(MemoryUsers::default()),
//!     sessions: Arc::new(MemorySessions::default()),
//!     conversations: Arc::new(MemoryConversations::default()),
//!     messages: Arc::new(MemoryMessages::default()),
//!     presence: Arc::new(MemoryPresence::default()),
//!     events: Arc::new(MemoryEventBus::default()),
//!     rate_limiter: Arc::new(MemoryRateLimiter::default()),
//!     hasher: Arc::new(Argon2Hasher::fast_for_tests()),
//!     clock: Arc::new(SystemClock),
//!     files: Arc::new(MemoryFiles::default()),
//!     push: Arc::new(MemoryPush::default()),
//! };
//! let app = ChatApp::new(ports, Settings::default());
//! let alice = app.register_user(RegisterUser::new("alice", "correct horse")).await.unwrap();
//! let login = app.login(Login::new("alice", "correct horse")).await.unwrap();
//! let actor = app.authenticate(login.token.expose()).await.unwrap();
//! assert_eq!(actor.user.id, alice.id);
//! # });
//! ```

mod app;
mod digest;
mod error;
mod use_cases;
mod views;

#[cfg(test)]
mod testing;

pub use app::{ChatApp, Ports, Settings};
pub use error::AppError;
pub use use_cases::*;
pub use views::{Actor, ConversationDetail, ConversationSummary, LoginOutcome, Sent, Stats};
