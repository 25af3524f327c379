//! The metadata log's and snapshot's lines: one change to users, sessions,
//! conversations, members or cursors each.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::{
    Conversation, ConversationType, DirectPair, FollowState, Participant, ParticipantRole, Session,
    ThreadFollow, User, UserRole,
};
use chat_domain::ids::{ConversationId, UserId, WebhookId};
use chat_domain::values::{
    DisplayName, HostIdentity, PasswordHash, Seq, Title, TokenHash, UserAgent, Username,
};

use super::{check_version, is_one, one};
use crate::meta::MetaOp;

/// A line: its version, and the change.
#[derive(Serialize, Deserialize)]
pub struct OpRecord {
    #[serde(default = "one", skip_serializing_if = "is_one")]
    v: u32,
    #[serde(flatten)]
    op: Op,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Op {
    UserCreate {
        user: UserRecord,
    },
    UserBanned {
        id: Uuid,
        banned: bool,
    },
    SessionCreate {
        session: SessionRecord,
    },
    SessionRevoke {
        token_hash: String,
    },
    SessionRevokeAll {
        user_id: Uuid,
    },
    /// A session was used at `at` (written without a sync of its own).
    SessionTouch {
        token_hash: String,
        at: DateTime<Utc>,
    },
    SessionPurge {
        now: DateTime<Utc>,
    },
    GroupCreate {
        conversation: ConversationRecord,
        members: Vec<ParticipantRecord>,
    },
    DirectCreate {
        pair: PairRecord,
        conversation: ConversationRecord,
        participants: [ParticipantRecord; 2],
    },
    ParticipantAdd {
        participant: ParticipantRecord,
    },
    ParticipantRemove {
        conversation_id: Uuid,
        user_id: Uuid,
    },
    RoleSet {
        conversation_id: Uuid,
        user_id: Uuid,
        role: RoleRecord,
    },
    ReadCursor {
        conversation_id: Uuid,
        user_id: Uuid,
        seq: u64,
    },
    MuteSet {
        conversation_id: Uuid,
        user_id: Uuid,
        muted: bool,
    },
    DeliveredCursor {
        conversation_id: Uuid,
        user_id: Uuid,
        seq: u64,
    },
    SentMark {
        conversation_id: Uuid,
        user_id: Uuid,
    },
    /// A member's standing in a thread after a change.
    ThreadMark {
        conversation_id: Uuid,
        root: u64,
        user_id: Uuid,
        follow: FollowRecord,
        read_seq: u64,
    },
    WebhookCreate {
        webhook: super::webhook::WebhookRecord,
    },
    WebhookDelete {
        conversation_id: Uuid,
        id: Uuid,
    },
    EventsQueued {
        first: u64,
        events: Vec<super::event::EventRecord>,
    },
    EventsRemoved {
        positions: Vec<u64>,
    },
    BlockSet {
        blocker: Uuid,
        blocked: Uuid,
        at: DateTime<Utc>,
    },
    BlockClear {
        blocker: Uuid,
        blocked: Uuid,
    },
    ReportCreate {
        report: super::report::ReportRecord,
    },
    ReportResolve {
        id: Uuid,
        resolution: super::report::ResolutionRecord,
    },
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum FollowRecord {
    Undecided,
    Following,
    Unfollowed,
}

impl From<FollowState> for FollowRecord {
    fn from(s: FollowState) -> Self {
        match s {
            FollowState::Undecided => Self::Undecided,
            FollowState::Following => Self::Following,
            FollowState::Unfollowed => Self::Unfollowed,
        }
    }
}

impl From<FollowRecord> for FollowState {
    fn from(r: FollowRecord) -> Self {
        match r {
            FollowRecord::Undecided => Self::Undecided,
            FollowRecord::Following => Self::Following,
            FollowRecord::Unfollowed => Self::Unfollowed,
        }
    }
}

/// A user. Accounts without a password, bots and a host's users are written with fields
/// an earlier build lacks: it refuses such a record (no `password_hash`) rather than
/// misreading it.
#[derive(Serialize, Deserialize)]
struct UserRecord {
    id: Uuid,
    username: String,
    display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    password_hash: Option<String>,
    role: UserRoleRecord,
    banned: bool,
    created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "is_no")]
    bot: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    host: Option<HostRecord>,
}

#[derive(Serialize, Deserialize)]
struct HostRecord {
    issuer: String,
    subject: String,
}

fn is_no(b: &bool) -> bool {
    !*b
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum UserRoleRecord {
    User,
    Admin,
}

#[derive(Serialize, Deserialize)]
struct SessionRecord {
    token_hash: String,
    user_id: Uuid,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    /// Written only when it differs from `created_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_used_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user_agent: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ConversationRecord {
    id: Uuid,
    #[serde(flatten)]
    ty: TypeRecord,
    created_by: Uuid,
    created_at: DateTime<Utc>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum TypeRecord {
    Direct { pair: PairRecord },
    Group { title: String },
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct PairRecord {
    low: Uuid,
    high: Uuid,
}

#[derive(Serialize, Deserialize)]
struct ParticipantRecord {
    conversation_id: Uuid,
    user_id: Uuid,
    role: RoleRecord,
    joined_at: DateTime<Utc>,
    last_read_seq: u64,
    #[serde(default)]
    muted: bool,
    #[serde(default)]
    delivered_seq: u64,
    /// Written only when false: a record without it is a member who has sent, or one
    /// from before the field existed, whose presence was shared as it still is.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    has_sent: bool,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RoleRecord {
    Owner,
    Admin,
    Member,
}

type Read<T> = Result<T, String>;

fn text<T, E: ToString>(r: Result<T, E>) -> Read<T> {
    r.map_err(|e| e.to_string())
}

impl From<&User> for UserRecord {
    fn from(u: &User) -> Self {
        Self {
            id: *u.id.as_uuid(),
            username: u.username.as_str().to_owned(),
            display_name: u.display_name.as_str().to_owned(),
            password_hash: u.password_hash.as_ref().map(|h| h.as_str().to_owned()),
            role: match u.role {
                UserRole::User => UserRoleRecord::User,
                UserRole::Admin => UserRoleRecord::Admin,
            },
            banned: u.banned,
            created_at: u.created_at,
            bot: u.bot,
            host: u.host.as_ref().map(|h| HostRecord {
                issuer: h.issuer().to_owned(),
                subject: h.subject().to_owned(),
            }),
        }
    }
}

impl TryFrom<UserRecord> for User {
    type Error = String;
    fn try_from(r: UserRecord) -> Read<Self> {
        Ok(User {
            id: UserId::from_uuid(r.id),
            username: text(Username::parse(&r.username))?,
            display_name: text(DisplayName::from_stored(&r.display_name))?,
            password_hash: r.password_hash.map(PasswordHash::new),
            role: match r.role {
                UserRoleRecord::User => UserRole::User,
                UserRoleRecord::Admin => UserRole::Admin,
            },
            banned: r.banned,
            created_at: r.created_at,
            bot: r.bot,
            host: match r.host {
                Some(h) => Some(text(HostIdentity::parse(&h.issuer, &h.subject))?),
                None => None,
            },
        })
    }
}

impl From<&Session> for SessionRecord {
    fn from(s: &Session) -> Self {
        Self {
            token_hash: s.token_hash.as_str().to_owned(),
            user_id: *s.user_id.as_uuid(),
            created_at: s.created_at,
            expires_at: s.expires_at,
            last_used_at: (s.last_used_at != s.created_at).then_some(s.last_used_at),
            user_agent: s.user_agent.as_ref().map(|a| a.as_str().to_owned()),
        }
    }
}

impl From<SessionRecord> for Session {
    fn from(r: SessionRecord) -> Self {
        Session {
            token_hash: TokenHash::from_hex(r.token_hash),
            user_id: UserId::from_uuid(r.user_id),
            created_at: r.created_at,
            expires_at: r.expires_at,
            last_used_at: r.last_used_at.unwrap_or(r.created_at),
            user_agent: r.user_agent.as_deref().and_then(UserAgent::from_header),
        }
    }
}

impl From<DirectPair> for PairRecord {
    fn from(p: DirectPair) -> Self {
        Self {
            low: *p.low().as_uuid(),
            high: *p.high().as_uuid(),
        }
    }
}

impl TryFrom<PairRecord> for DirectPair {
    type Error = String;
    fn try_from(r: PairRecord) -> Read<Self> {
        text(DirectPair::new(
            UserId::from_uuid(r.low),
            UserId::from_uuid(r.high),
        ))
    }
}

impl From<&Conversation> for ConversationRecord {
    fn from(c: &Conversation) -> Self {
        Self {
            id: *c.id.as_uuid(),
            ty: match &c.ty {
                ConversationType::Direct { pair } => TypeRecord::Direct {
                    pair: (*pair).into(),
                },
                ConversationType::Group { title } => TypeRecord::Group {
                    title: title.as_str().to_owned(),
                },
            },
            created_by: *c.created_by.as_uuid(),
            created_at: c.created_at,
        }
    }
}

impl TryFrom<ConversationRecord> for Conversation {
    type Error = String;
    fn try_from(r: ConversationRecord) -> Read<Self> {
        Ok(Conversation {
            id: ConversationId::from_uuid(r.id),
            ty: match r.ty {
                TypeRecord::Direct { pair } => ConversationType::Direct {
                    pair: pair.try_into()?,
                },
                TypeRecord::Group { title } => ConversationType::Group {
                    title: text(Title::from_stored(&title))?,
                },
            },
            created_by: UserId::from_uuid(r.created_by),
            created_at: r.created_at,
        })
    }
}

impl From<ParticipantRole> for RoleRecord {
    fn from(r: ParticipantRole) -> Self {
        match r {
            ParticipantRole::Owner => RoleRecord::Owner,
            ParticipantRole::Admin => RoleRecord::Admin,
            ParticipantRole::Member => RoleRecord::Member,
        }
    }
}

impl From<RoleRecord> for ParticipantRole {
    fn from(r: RoleRecord) -> Self {
        match r {
            RoleRecord::Owner => ParticipantRole::Owner,
            RoleRecord::Admin => ParticipantRole::Admin,
            RoleRecord::Member => ParticipantRole::Member,
        }
    }
}

impl From<&Participant> for ParticipantRecord {
    fn from(p: &Participant) -> Self {
        Self {
            conversation_id: *p.conversation_id.as_uuid(),
            user_id: *p.user_id.as_uuid(),
            role: p.role.into(),
            joined_at: p.joined_at,
            last_read_seq: p.last_read_seq,
            muted: p.muted,
            delivered_seq: p.delivered_seq,
            has_sent: p.has_sent,
        }
    }
}

impl From<ParticipantRecord> for Participant {
    fn from(r: ParticipantRecord) -> Self {
        Participant {
            conversation_id: ConversationId::from_uuid(r.conversation_id),
            user_id: UserId::from_uuid(r.user_id),
            role: r.role.into(),
            joined_at: r.joined_at,
            last_read_seq: r.last_read_seq,
            muted: r.muted,
            delivered_seq: r.delivered_seq,
            has_sent: r.has_sent,
        }
    }
}

fn members(list: &[Participant]) -> Vec<ParticipantRecord> {
    list.iter().map(Into::into).collect()
}

impl From<&MetaOp> for OpRecord {
    fn from(op: &MetaOp) -> Self {
        let conv = |c: &ConversationId| *c.as_uuid();
        let user = |u: &UserId| *u.as_uuid();
        let op = match op {
            MetaOp::UserCreate { user } => Op::UserCreate { user: user.into() },
            MetaOp::UserBanned { id, banned } => Op::UserBanned {
                id: user(id),
                banned: *banned,
            },
            MetaOp::SessionCreate { session } => Op::SessionCreate {
                session: session.into(),
            },
            MetaOp::SessionRevoke { token_hash } => Op::SessionRevoke {
                token_hash: token_hash.as_str().to_owned(),
            },
            MetaOp::SessionRevokeAll { user_id } => Op::SessionRevokeAll {
                user_id: user(user_id),
            },
            MetaOp::SessionTouch { token_hash, at } => Op::SessionTouch {
                token_hash: token_hash.as_str().to_owned(),
                at: *at,
            },
            MetaOp::SessionPurge { now } => Op::SessionPurge { now: *now },
            MetaOp::GroupCreate {
                conversation,
                members: m,
            } => Op::GroupCreate {
                conversation: conversation.into(),
                members: members(m),
            },
            MetaOp::DirectCreate {
                pair,
                conversation,
                participants: [a, b],
            } => Op::DirectCreate {
                pair: (*pair).into(),
                conversation: conversation.into(),
                participants: [a.into(), b.into()],
            },
            MetaOp::ParticipantAdd { participant } => Op::ParticipantAdd {
                participant: participant.into(),
            },
            MetaOp::ParticipantRemove {
                conversation_id: c,
                user_id: u,
            } => Op::ParticipantRemove {
                conversation_id: conv(c),
                user_id: user(u),
            },
            MetaOp::RoleSet {
                conversation_id: c,
                user_id: u,
                role,
            } => Op::RoleSet {
                conversation_id: conv(c),
                user_id: user(u),
                role: (*role).into(),
            },
            MetaOp::ReadCursor {
                conversation_id: c,
                user_id: u,
                seq,
            } => Op::ReadCursor {
                conversation_id: conv(c),
                user_id: user(u),
                seq: *seq,
            },
            MetaOp::MuteSet {
                conversation_id: c,
                user_id: u,
                muted,
            } => Op::MuteSet {
                conversation_id: conv(c),
                user_id: user(u),
                muted: *muted,
            },
            MetaOp::DeliveredCursor {
                conversation_id: c,
                user_id: u,
                seq,
            } => Op::DeliveredCursor {
                conversation_id: conv(c),
                user_id: user(u),
                seq: *seq,
            },
            MetaOp::SentMark {
                conversation_id: c,
                user_id: u,
            } => Op::SentMark {
                conversation_id: conv(c),
                user_id: user(u),
            },
            MetaOp::ThreadMark { follow: f } => Op::ThreadMark {
                conversation_id: conv(&f.conversation_id),
                root: f.root.get(),
                user_id: user(&f.user_id),
                follow: f.state.into(),
                read_seq: f.read_seq,
            },
            MetaOp::WebhookCreate { webhook } => Op::WebhookCreate {
                webhook: webhook.into(),
            },
            MetaOp::WebhookDelete {
                conversation_id: c,
                id,
            } => Op::WebhookDelete {
                conversation_id: conv(c),
                id: *id.as_uuid(),
            },
            MetaOp::EventsQueued { first, events } => Op::EventsQueued {
                first: *first,
                events: events.iter().map(Into::into).collect(),
            },
            MetaOp::EventsRemoved { positions } => Op::EventsRemoved {
                positions: positions.clone(),
            },
            MetaOp::BlockSet {
                blocker,
                blocked,
                at,
            } => Op::BlockSet {
                blocker: user(blocker),
                blocked: user(blocked),
                at: *at,
            },
            MetaOp::BlockClear { blocker, blocked } => Op::BlockClear {
                blocker: user(blocker),
                blocked: user(blocked),
            },
            MetaOp::ReportCreate { report } => Op::ReportCreate {
                report: report.into(),
            },
            MetaOp::ReportResolve { id, resolution } => Op::ReportResolve {
                id: *id.as_uuid(),
                resolution: resolution.into(),
            },
        };
        OpRecord { v: 1, op }
    }
}

impl TryFrom<OpRecord> for MetaOp {
    type Error = String;
    fn try_from(r: OpRecord) -> Read<Self> {
        check_version(r.v)?;
        let conv = ConversationId::from_uuid;
        let user = UserId::from_uuid;
        Ok(match r.op {
            Op::UserCreate { user } => MetaOp::UserCreate {
                user: user.try_into()?,
            },
            Op::UserBanned { id, banned } => MetaOp::UserBanned {
                id: user(id),
                banned,
            },
            Op::SessionCreate { session } => MetaOp::SessionCreate {
                session: session.into(),
            },
            Op::SessionRevoke { token_hash } => MetaOp::SessionRevoke {
                token_hash: TokenHash::from_hex(token_hash),
            },
            Op::SessionRevokeAll { user_id } => MetaOp::SessionRevokeAll {
                user_id: user(user_id),
            },
            Op::SessionTouch { token_hash, at } => MetaOp::SessionTouch {
                token_hash: TokenHash::from_hex(token_hash),
                at,
            },
            Op::SessionPurge { now } => MetaOp::SessionPurge { now },
            Op::GroupCreate {
                conversation,
                members,
            } => MetaOp::GroupCreate {
                conversation: conversation.try_into()?,
                members: members.into_iter().map(Into::into).collect(),
            },
            Op::DirectCreate {
                pair,
                conversation,
                participants: [a, b],
            } => MetaOp::DirectCreate {
                pair: pair.try_into()?,
                conversation: conversation.try_into()?,
                participants: [a.into(), b.into()],
            },
            Op::ParticipantAdd { participant } => MetaOp::ParticipantAdd {
                participant: participant.into(),
            },
            Op::ParticipantRemove {
                conversation_id,
                user_id,
            } => MetaOp::ParticipantRemove {
                conversation_id: conv(conversation_id),
                user_id: user(user_id),
            },
            Op::RoleSet {
                conversation_id,
                user_id,
                role,
            } => MetaOp::RoleSet {
                conversation_id: conv(conversation_id),
                user_id: user(user_id),
                role: role.into(),
            },
            Op::ReadCursor {
                conversation_id,
                user_id,
                seq,
            } => MetaOp::ReadCursor {
                conversation_id: conv(conversation_id),
                user_id: user(user_id),
                seq,
            },
            Op::MuteSet {
                conversation_id,
                user_id,
                muted,
            } => MetaOp::MuteSet {
                conversation_id: conv(conversation_id),
                user_id: user(user_id),
                muted,
            },
            Op::DeliveredCursor {
                conversation_id,
                user_id,
                seq,
            } => MetaOp::DeliveredCursor {
                conversation_id: conv(conversation_id),
                user_id: user(user_id),
                seq,
            },
            Op::SentMark {
                conversation_id,
                user_id,
            } => MetaOp::SentMark {
                conversation_id: conv(conversation_id),
                user_id: user(user_id),
            },
            Op::ThreadMark {
                conversation_id,
                root,
                user_id,
                follow,
                read_seq,
            } => MetaOp::ThreadMark {
                follow: ThreadFollow {
                    conversation_id: conv(conversation_id),
                    root: text(Seq::new(root))?,
                    user_id: user(user_id),
                    state: follow.into(),
                    read_seq,
                },
            },
            Op::WebhookCreate { webhook } => MetaOp::WebhookCreate {
                webhook: webhook.try_into()?,
            },
            Op::WebhookDelete {
                conversation_id,
                id,
            } => MetaOp::WebhookDelete {
                conversation_id: conv(conversation_id),
                id: WebhookId::from_uuid(id),
            },
            Op::EventsQueued { first, events } => MetaOp::EventsQueued {
                first,
                events: events.into_iter().map(Into::into).collect(),
            },
            Op::EventsRemoved { positions } => MetaOp::EventsRemoved { positions },
            Op::BlockSet {
                blocker,
                blocked,
                at,
            } => MetaOp::BlockSet {
                blocker: user(blocker),
                blocked: user(blocked),
                at,
            },
            Op::BlockClear { blocker, blocked } => MetaOp::BlockClear {
                blocker: user(blocker),
                blocked: user(blocked),
            },
            Op::ReportCreate { report } => MetaOp::ReportCreate {
                report: report.try_into()?,
            },
            Op::ReportResolve { id, resolution } => MetaOp::ReportResolve {
                id: chat_domain::ids::ReportId::from_uuid(id),
                resolution: resolution.into(),
            },
        })
    }
}

/// A change as its line's JSON.
pub fn encode(op: &MetaOp) -> Vec<u8> {
    serde_json::to_vec(&OpRecord::from(op)).unwrap_or_default()
}

/// A change from its line's JSON.
///
/// # Errors
/// What is wrong with it.
pub fn decode(json: &[u8]) -> Result<MetaOp, String> {
    let r: OpRecord = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    r.try_into()
}
