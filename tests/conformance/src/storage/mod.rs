//! Checks for the storage ports: users, sessions, conversations, messages.

mod accounts;
mod blocks;
mod contacts;
mod conversations;
mod follows;
mod members_of_many;
mod message_batches;
mod message_changes;
mod messages;
mod outbox;
mod pins;
mod reports;
mod search_pages;
mod sessions;
mod sync_stamps;
mod threads;
mod users;
mod webhooks;

pub use accounts::*;
pub use blocks::*;
pub use contacts::*;
pub use conversations::*;
pub use follows::*;
pub use members_of_many::*;
pub use message_batches::*;
pub use message_changes::*;
pub use messages::*;
pub use outbox::*;
pub use pins::*;
pub use reports::*;
pub use search_pages::*;
pub use sessions::*;
pub use sync_stamps::*;
pub use threads::*;
pub use users::*;
pub use webhooks::*;
