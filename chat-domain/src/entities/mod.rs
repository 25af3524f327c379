//! Entities: the things the chat is made of, each identified by an id.

mod conversation;
mod file;
mod integration_event;
mod message;
mod participant;
mod pin;
mod presence;
mod removal;
mod report;
mod session;
mod thread;
mod thread_follow;
mod user;
mod webhook;

pub use conversation::{Conversation, ConversationKind, ConversationType, DirectPair};
pub use file::FileMeta;
pub use integration_event::{IntegrationEvent, OutboxEvent, QueuedEvent};
pub use message::{
    ChangeKind, Message, MessageChange, MessageKind, NewMessage, Reaction, ReplyPreview,
};
pub use participant::{Participant, ParticipantRole};
pub use pin::Pin;
pub use presence::{Presence, PresenceStatus};
pub use removal::Removal;
pub use report::{Report, ReportAction, Resolution};
pub use session::Session;
pub use thread::{Forwarded, ThreadSummary};
pub use thread_follow::{FollowState, FollowUpdate, ThreadFollow};
pub use user::{User, UserRole};
pub use webhook::Webhook;
