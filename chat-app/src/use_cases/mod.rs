//! One use case per file, each a method on [`crate::ChatApp`].

mod add_member;
pub mod admin;
mod authenticate;
mod before_send;
mod blocks;
mod challenge;
mod change_message;
mod connect;
mod create_direct_conversation;
mod create_group;
mod download_file;
mod erase;
mod events;
mod export;
mod follow_thread;
mod forward_message;
mod get_conversation;
mod get_history;
mod get_presence;
mod get_users;
mod health;
mod host_users;
mod introduce;
mod list_conversations;
mod list_threads;
mod login;
mod logout;
mod mark_delivered;
mod mark_read;
mod mute;
mod notify_offline;
mod pins;
mod purge_sessions;
mod register_user;
mod remove_member;
mod search_messages;
mod search_users;
mod send_message;
mod send_messages;
mod sessions;
mod sync;
mod threads;
mod typing;
mod upload_file;
mod webhooks;

pub use connect::Connection;
pub use create_group::CreateGroup;
pub use download_file::{ByteRange, Download};
pub use events::EventDeliverySettings;
pub(crate) use events::{message_created, Outbound};
pub use export::{Export, ExportPart};
pub use forward_message::ForwardSource;
pub use get_history::HistoryQuery;
pub use health::Health;
pub use list_threads::{FollowedThread, ThreadsQuery};
pub use login::Login;
pub use register_user::RegisterUser;
pub use search_messages::SearchMessages;
pub use send_message::{Attachment, Content, SendMessage};
pub use sync::{
    conversation_print, departure_print, log_print, StampMark, SyncAnswer, SyncCursor, SyncPage,
    SyncedConversation, SEEN_MAX,
};
pub use upload_file::{sniff, UploadFile, UploadSource};
pub use webhooks::WebhookCreated;
