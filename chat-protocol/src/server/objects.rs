//! The core's values as wire objects.

use chat_app::{
    ConversationDetail, ConversationSummary, Health as AppHealth, LoginOutcome, Stats,
    SyncedConversation as AppSynced,
};
use chat_domain::entities as domain;
use chat_domain::ports as domain_ports;
use chat_domain::values::SearchPage;

use crate::http::{SearchResults, Session};
use crate::objects::*;

impl From<&domain::User> for User {
    fn from(u: &domain::User) -> Self {
        Self {
            id: *u.id.as_uuid(),
            username: u.username.as_str().to_owned(),
            display_name: u.display_name.as_str().to_owned(),
            created_at: u.created_at,
            bot: u.bot,
        }
    }
}

impl From<&domain::User> for FullUser {
    fn from(u: &domain::User) -> Self {
        Self {
            user: u.into(),
            role: match u.role {
                domain::UserRole::User => UserRole::User,
                domain::UserRole::Admin => UserRole::Admin,
            },
            banned: u.banned,
        }
    }
}

impl From<domain::MessageKind> for MessageKind {
    fn from(k: domain::MessageKind) -> Self {
        match k {
            domain::MessageKind::Text => MessageKind::Text,
            domain::MessageKind::Image => MessageKind::Image,
            domain::MessageKind::File => MessageKind::File,
            domain::MessageKind::System => MessageKind::System,
        }
    }
}

impl From<MessageKind> for domain::MessageKind {
    fn from(k: MessageKind) -> Self {
        match k {
            MessageKind::Text => domain::MessageKind::Text,
            MessageKind::Image => domain::MessageKind::Image,
            MessageKind::File => domain::MessageKind::File,
            MessageKind::System => domain::MessageKind::System,
        }
    }
}

impl From<domain::ChangeKind> for ChangeKind {
    fn from(k: domain::ChangeKind) -> Self {
        match k {
            domain::ChangeKind::Edit => ChangeKind::Edit,
            domain::ChangeKind::Recall => ChangeKind::Recall,
            domain::ChangeKind::Reaction => ChangeKind::Reaction,
            domain::ChangeKind::Thread => ChangeKind::Thread,
            domain::ChangeKind::Pin => ChangeKind::Pin,
            domain::ChangeKind::Unpin => ChangeKind::Unpin,
        }
    }
}

impl From<&domain::ReplyPreview> for ReplyPreview {
    fn from(p: &domain::ReplyPreview) -> Self {
        Self {
            seq: p.seq.get(),
            sender_id: *p.sender_id.as_uuid(),
            kind: p.kind.into(),
            preview: p.preview.clone(),
            deleted: p.deleted,
        }
    }
}

impl From<&domain::Message> for Message {
    fn from(m: &domain::Message) -> Self {
        Self {
            id: *m.id.as_uuid(),
            conversation_id: *m.conversation_id.as_uuid(),
            seq: m.seq.get(),
            sender_id: *m.sender_id.as_uuid(),
            kind: m.kind.into(),
            body: (!m.deleted).then(|| m.body.as_str().to_owned()),
            client_msg_id: m.client_msg_id.as_ref().map(|c| c.as_str().to_owned()),
            reply_to: m.reply_to.map(|s| s.get()),
            reply: None,
            mentions: m.mentions.iter().map(|u| *u.as_uuid()).collect(),
            created_at: m.created_at,
            edited_at: m.edited_at,
            deleted: m.deleted,
            reactions: m
                .reactions
                .iter()
                .map(|r| Reaction {
                    emoji: r.emoji.as_str().to_owned(),
                    count: r.users.len(),
                    user_ids: r.users.iter().map(|u| *u.as_uuid()).collect(),
                })
                .collect(),
            version: m.version,
            thread_root: m.thread_root.map(|s| s.get()),
            thread: m.thread.as_ref().map(|t| ThreadSummary {
                replies: t.replies,
                last_seq: t.last_seq.get(),
                last_reply_at: t.last_reply_at,
                participants: t.participants.iter().map(|u| *u.as_uuid()).collect(),
            }),
            forwarded: m.forwarded.map(|f| Forwarded {
                sender_id: *f.sender_id.as_uuid(),
                created_at: f.created_at,
            }),
            pinned_at: m.pinned.map(|p| p.at),
            pinned_by: m.pinned.map(|p| *p.by.as_uuid()),
            removed_by: m.removed.map(|r| *r.by.as_uuid()),
            removed_at: m.removed.map(|r| r.at),
        }
    }
}

impl Message {
    /// `m` with the preview of the message it answers, taken from `previews`.
    pub fn with_reply(m: &domain::Message, previews: &[domain::ReplyPreview]) -> Self {
        let reply = m
            .reply_to
            .and_then(|seq| previews.iter().find(|p| p.seq == seq));
        Self {
            reply: reply.map(Into::into),
            ..m.into()
        }
    }

    /// A page of messages, each with its reply preview.
    pub fn page(page: &[domain::Message], previews: &[domain::ReplyPreview]) -> Vec<Self> {
        page.iter().map(|m| Self::with_reply(m, previews)).collect()
    }
}

impl From<domain::ParticipantRole> for MemberRole {
    fn from(r: domain::ParticipantRole) -> Self {
        match r {
            domain::ParticipantRole::Owner => MemberRole::Owner,
            domain::ParticipantRole::Admin => MemberRole::Admin,
            domain::ParticipantRole::Member => MemberRole::Member,
        }
    }
}

/// The wire's counters of a conversation, as the caller sees them.
struct Counters {
    last_seq: u64,
    last_version: u64,
    read_seq: u64,
}

fn conversation(c: &domain::Conversation, n: Counters) -> Conversation {
    Conversation {
        id: *c.id.as_uuid(),
        kind: match c.kind() {
            domain::ConversationKind::Direct => ConversationKind::Direct,
            domain::ConversationKind::Group => ConversationKind::Group,
        },
        title: c.title().map(|t| t.as_str().to_owned()),
        created_by: *c.created_by.as_uuid(),
        created_at: c.created_at,
        last_seq: n.last_seq,
        last_version: n.last_version,
        read_seq: n.read_seq,
    }
}

impl From<&ConversationSummary> for crate::objects::ConversationSummary {
    fn from(s: &ConversationSummary) -> Self {
        let me = s.me.user_id;
        Self {
            conversation: conversation(
                &s.conversation,
                Counters {
                    last_seq: s.last_seq,
                    last_version: s.last_version,
                    read_seq: s.me.last_read_seq,
                },
            ),
            peer_id: s
                .conversation
                .direct_pair()
                .map(|p| if p.low() == me { p.high() } else { p.low() })
                .map(|u| *u.as_uuid()),
            unread: s.unread,
            unread_mentions: s.unread_mentions,
            last_read_seq: s.me.last_read_seq,
            role: s.me.role.into(),
            muted: s.me.muted,
            last_message: s.last_message.as_ref().map(Into::into),
        }
    }
}

impl From<&domain::Participant> for Member {
    fn from(p: &domain::Participant) -> Self {
        Self {
            user_id: *p.user_id.as_uuid(),
            role: p.role.into(),
            joined_at: p.joined_at,
            last_read_seq: p.last_read_seq,
            delivered_seq: p.delivered_up_to(),
        }
    }
}

impl From<&ConversationDetail> for crate::objects::ConversationDetail {
    fn from(d: &ConversationDetail) -> Self {
        Self {
            conversation: conversation(
                &d.conversation,
                Counters {
                    last_seq: d.last_seq,
                    last_version: d.last_version,
                    read_seq: d.read_seq,
                },
            ),
            members: d.members.iter().map(Into::into).collect(),
        }
    }
}

impl From<&AppSynced> for SyncedConversation {
    fn from(s: &AppSynced) -> Self {
        Self {
            summary: (&s.summary).into(),
            members: s.members.iter().map(Into::into).collect(),
        }
    }
}

impl From<domain::PresenceStatus> for PresenceStatus {
    fn from(s: domain::PresenceStatus) -> Self {
        match s {
            domain::PresenceStatus::Online => PresenceStatus::Online,
            domain::PresenceStatus::Offline => PresenceStatus::Offline,
        }
    }
}

impl From<&domain::Presence> for Presence {
    fn from(p: &domain::Presence) -> Self {
        Self {
            user_id: *p.user_id.as_uuid(),
            status: p.status.into(),
            last_seen: p.last_seen,
        }
    }
}

impl From<Stats> for crate::objects::Stats {
    fn from(s: Stats) -> Self {
        Self {
            users: s.users,
            conversations: s.conversations,
            messages: s.messages,
            live_connections: s.live_connections,
            signups_per_hour: s
                .signups_per_hour
                .into_iter()
                .map(|(hour, count)| crate::objects::HourCount { hour, count })
                .collect(),
        }
    }
}

impl From<&domain::FileMeta> for FileInfo {
    fn from(f: &domain::FileMeta) -> Self {
        Self {
            file_id: *f.id.as_uuid(),
            size: f.size,
            content_type: f.content_type.clone(),
            sha256: f.sha256.as_str().to_owned(),
            name: f.name.clone(),
            width: f.width,
            height: f.height,
        }
    }
}

impl From<&LoginOutcome> for Session {
    fn from(l: &LoginOutcome) -> Self {
        Self {
            token: l.token.expose().to_owned(),
            user_id: *l.user_id.as_uuid(),
            expires_at: l.expires_at,
        }
    }
}

impl From<&SearchPage> for SearchResults {
    fn from(p: &SearchPage) -> Self {
        Self {
            messages: p.messages.iter().map(Into::into).collect(),
            next: p.next.as_ref().map(|c| c.encode()),
            partial: p.partial,
        }
    }
}

impl Health {
    /// The answer to `GET /healthz` for `h`, with its HTTP status: 503 when a part fails,
    /// 200 otherwise (a degraded node still serves its own connections, so it stays in
    /// the load balancer).
    pub fn of(h: &AppHealth) -> (u16, Self) {
        let parts = |list: &[(&str, String)]| -> std::collections::BTreeMap<String, String> {
            list.iter()
                .map(|(p, why)| ((*p).to_owned(), why.clone()))
                .collect()
        };
        if !h.failing.is_empty() {
            let body = Health {
                status: HealthStatus::Unavailable,
                degraded: None,
                failing: Some(parts(&h.failing)),
            };
            (503, body)
        } else if !h.degraded.is_empty() {
            let body = Health {
                status: HealthStatus::Degraded,
                degraded: Some(parts(&h.degraded)),
                failing: None,
            };
            (200, body)
        } else {
            let body = Health {
                status: HealthStatus::Ok,
                degraded: None,
                failing: None,
            };
            (200, body)
        }
    }
}

impl From<domain_ports::Challenge> for crate::objects::Challenge {
    fn from(c: domain_ports::Challenge) -> Self {
        use crate::objects::ChallengeAlgorithm;
        match c {
            domain_ports::Challenge::ProofOfWork {
                id,
                salt,
                difficulty,
                expires_at,
            } => Self {
                id,
                algorithm: ChallengeAlgorithm::Sha256,
                salt: Some(salt),
                difficulty: Some(difficulty),
                expires_at: Some(expires_at),
                site_key: None,
                script_url: None,
            },
            domain_ports::Challenge::Widget {
                site_key,
                script_url,
            } => Self {
                id: String::new(),
                algorithm: ChallengeAlgorithm::Siteverify,
                salt: None,
                difficulty: None,
                expires_at: None,
                site_key: Some(site_key),
                script_url: Some(script_url),
            },
        }
    }
}
