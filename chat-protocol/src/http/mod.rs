//! The bodies and query strings of the HTTP API (`/api/v1/...`), one file per area.

mod admin;
mod blocks;
mod changes;
mod conversations;
mod files;
mod messages;
mod reports;
mod search;
mod sessions;
mod sync;
mod threads;
mod users;
mod webhooks;

pub use admin::{AdminUsersQuery, BotCreated, BotToken, CreateBotRequest};
pub use blocks::BlockRequest;
pub use changes::{ChangesQuery, EditRequest, ReactRequest, ReceivedRequest};
pub use conversations::{AddMemberRequest, CreateConversation};
pub use files::UploadQuery;
pub use messages::{HistoryQuery, MessagePage, PinRequest, ReadRequest, SendRequest};
pub use reports::{
    ReportAction, ReportCreated, ReportInfo, ReportRequest, ReportResolution, ReportStatus,
    ReportsQuery, ResolveRequest,
};
pub use search::{SearchQuery, SearchResults};
pub use sessions::{EndSessionsQuery, LoginRequest, Session, SessionInfo};
pub use sync::{SyncAnswer, SyncQuery};
pub use threads::{FollowedThread, ThreadList, ThreadsQuery};
pub use users::RegisterRequest;
pub use webhooks::{CreateWebhookRequest, HookPost, WebhookCreatedBody, WebhookInfo};
