//! The chat use cases, written against the chat-domain ports only.
//!
//! [`ChatApp`] holds the ports ([`Ports`]) and the policy ([`Settings`]); each use case is
//! a method on it, defined in its own file under `use_cases/`. Every failure is an
//! [`AppError`] with a stable wire code.
//!
//! [`Ports`] are usually assembled by `chat-core`'s builder, with a default for each:
//!
//! ```
//! # use std::sync::Arc;
//! # use chat_app::{RegisterUser, Login};
//! # let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! # rt.block_on(async {
//! let chat = chat_core::Chat::builder()
//!     .hasher(Arc::new(chat_adapter_argon2::Argon2Hasher::fast_for_tests()))
//!     .build();
//! let app = chat.app();
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

pub use app::{ChatApp, HookFailurePolicy, Ports, Settings};
pub use error::AppError;
pub use use_cases::*;
pub use views::{
    Actor, ConversationDetail, ConversationSummary, LoginOutcome, Sent, SessionView, Stats,
};
