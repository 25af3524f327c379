//! The metadata log's records: one per state change.

use chrono::{DateTime, Utc};

use chat_domain::entities::{
    Conversation, DirectPair, OutboxEvent, Participant, ParticipantRole, Report, Resolution,
    Session, ThreadFollow, User, Webhook,
};
use chat_domain::ids::{ConversationId, ReportId, UserId, WebhookId};
use chat_domain::values::TokenHash;

/// A change to users, sessions, conversations, participants or read cursors (stored as
/// [`crate::records::meta::OpRecord`]).
#[derive(Clone, Debug)]
pub enum MetaOp {
    UserCreate {
        user: User,
    },
    UserBanned {
        id: UserId,
        banned: bool,
    },
    SessionCreate {
        session: Session,
    },
    SessionRevoke {
        token_hash: TokenHash,
    },
    SessionRevokeAll {
        user_id: UserId,
    },
    SessionTouch {
        token_hash: TokenHash,
        at: DateTime<Utc>,
    },
    SessionPurge {
        now: DateTime<Utc>,
    },
    GroupCreate {
        conversation: Conversation,
        members: Vec<Participant>,
    },
    DirectCreate {
        pair: DirectPair,
        conversation: Conversation,
        participants: [Participant; 2],
    },
    ParticipantAdd {
        participant: Participant,
    },
    ParticipantRemove {
        conversation_id: ConversationId,
        user_id: UserId,
    },
    RoleSet {
        conversation_id: ConversationId,
        user_id: UserId,
        role: ParticipantRole,
    },
    ReadCursor {
        conversation_id: ConversationId,
        user_id: UserId,
        seq: u64,
    },
    MuteSet {
        conversation_id: ConversationId,
        user_id: UserId,
        muted: bool,
    },
    DeliveredCursor {
        conversation_id: ConversationId,
        user_id: UserId,
        seq: u64,
    },
    SentMark {
        conversation_id: ConversationId,
        user_id: UserId,
    },
    /// A member's standing in a thread, as it is after the change.
    ThreadMark {
        follow: ThreadFollow,
    },
    WebhookCreate {
        webhook: Webhook,
    },
    WebhookDelete {
        conversation_id: ConversationId,
        id: WebhookId,
    },
    /// Events queued for the events receiver, at positions `first`, `first + 1`, ….
    EventsQueued {
        first: u64,
        events: Vec<OutboxEvent>,
    },
    /// Events delivered (or given up).
    EventsRemoved {
        positions: Vec<u64>,
    },
    /// `blocker` blocks `blocked` from `at`.
    BlockSet {
        blocker: UserId,
        blocked: UserId,
        at: DateTime<Utc>,
    },
    BlockClear {
        blocker: UserId,
        blocked: UserId,
    },
    ReportCreate {
        report: Report,
    },
    ReportResolve {
        id: ReportId,
        resolution: Resolution,
    },
}
