//! The objects answers and frames carry: USER, MESSAGE, CONVERSATION and the rest.

mod challenge;
mod conversation;
mod export;
mod file;
mod health;
mod message;
mod presence;
mod stats;
mod user;

pub use challenge::{Challenge, ChallengeAlgorithm, ChallengeAnswer};
pub use conversation::{
    Conversation, ConversationDetail, ConversationKind, ConversationSummary, Member, MemberRole,
    SyncedConversation,
};
pub use export::{ExportDocument, ExportedConversation, ExportedReaction};
pub use file::FileInfo;
pub use health::{Health, HealthStatus};
pub use message::{
    Attachment, AttachmentRequest, ChangeKind, ForwardRequest, Forwarded, Message, MessageKind,
    Reaction, ReplyPreview, ThreadSummary,
};
pub use presence::{Presence, PresenceStatus};
pub use stats::{HourCount, Stats};
pub use user::{FullUser, User, UserRole};
