//! The chat core, for embedding in a Rust service.

mod builder;
pub mod stores;

pub use builder::{Chat, ChatBuilder};
pub use chat_app as app;
pub use chat_app::{AppError, ChatApp, Settings};
pub use chat_domain as domain;
pub use chat_memory as memory;
