//! Checks for the storage ports: users, sessions, conversations, messages.

mod contacts;
mod conversations;
mod message_batches;
mod message_changes;
mod messages;
mod sessions;
mod users;

pub use contacts::*;
pub use conversations::*;
pub use message_batches::*;
pub use message_changes::*;
pub use messages::*;
pub use sessions::*;
pub use users::*;
