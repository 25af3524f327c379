//! Sessions as their owner sees them, incoming webhooks, and events for the host's
//! receiver, as wire objects.

use chat_app::admin::ReportView;
use chat_app::{SessionView, WebhookCreated};
use chat_domain::entities as domain;
use chat_domain::ports::{DeliveredEvent, EventPayload};

use crate::hooks::{EventConversation, HostEvent, HostEventData};
use crate::http::{
    ReportAction, ReportInfo, ReportResolution, ReportStatus, SessionInfo, WebhookCreatedBody,
    WebhookInfo,
};
use crate::objects::ConversationKind;

impl From<&SessionView> for SessionInfo {
    fn from(s: &SessionView) -> Self {
        Self {
            id: s.id.clone(),
            created_at: s.created_at,
            last_used_at: s.last_used_at,
            user_agent: s.user_agent.as_ref().map(|a| a.as_str().to_owned()),
            current: s.current,
        }
    }
}

impl From<&domain::Webhook> for WebhookInfo {
    fn from(w: &domain::Webhook) -> Self {
        Self {
            id: *w.id.as_uuid(),
            name: w.name.as_str().to_owned(),
            bot_id: *w.bot_id.as_uuid(),
            created_by: *w.created_by.as_uuid(),
            created_at: w.created_at,
        }
    }
}

impl From<&WebhookCreated> for WebhookCreatedBody {
    fn from(c: &WebhookCreated) -> Self {
        Self {
            id: *c.webhook.id.as_uuid(),
            name: c.webhook.name.as_str().to_owned(),
            token: c.token.expose().to_owned(),
            url: format!("/hooks/{}", c.token.expose()),
        }
    }
}

impl HostEvent {
    /// `event` as it is POSTed, attempted at `sent_at`.
    pub fn new(event: &DeliveredEvent, sent_at: chrono::DateTime<chrono::Utc>) -> Self {
        let id = |u: &chat_domain::ids::UserId| *u.as_uuid();
        let data = match &event.payload {
            EventPayload::MessageCreated { message } => HostEventData::MessageCreated {
                message: message.into(),
            },
            EventPayload::MessageUpdated { message, change } => HostEventData::MessageUpdated {
                message: message.into(),
                change: (*change).into(),
            },
            EventPayload::MemberAdded {
                conversation_id,
                user_id,
                by,
            } => HostEventData::MemberAdded {
                conversation_id: *conversation_id.as_uuid(),
                user_id: id(user_id),
                by: id(by),
            },
            EventPayload::MemberRemoved {
                conversation_id,
                user_id,
                by,
            } => HostEventData::MemberRemoved {
                conversation_id: *conversation_id.as_uuid(),
                user_id: id(user_id),
                by: id(by),
            },
            EventPayload::ConversationCreated {
                conversation: c,
                members,
                by,
            } => HostEventData::ConversationCreated {
                conversation: EventConversation {
                    id: *c.id.as_uuid(),
                    kind: match c.kind() {
                        domain::ConversationKind::Direct => ConversationKind::Direct,
                        domain::ConversationKind::Group => ConversationKind::Group,
                    },
                    title: c.title().map(|t| t.as_str().to_owned()),
                    created_by: id(&c.created_by),
                    created_at: c.created_at,
                },
                members: members.iter().map(Into::into).collect(),
                by: id(by),
            },
        };
        Self {
            id: *event.id.as_uuid(),
            at: event.at,
            sent_at,
            event: data,
        }
    }
}

impl From<domain::ReportAction> for ReportAction {
    fn from(a: domain::ReportAction) -> Self {
        match a {
            domain::ReportAction::Dismiss => Self::Dismiss,
            domain::ReportAction::RemoveMessage => Self::RemoveMessage,
            domain::ReportAction::BanUser => Self::BanUser,
        }
    }
}

impl From<ReportAction> for domain::ReportAction {
    fn from(a: ReportAction) -> Self {
        match a {
            ReportAction::Dismiss => Self::Dismiss,
            ReportAction::RemoveMessage => Self::RemoveMessage,
            ReportAction::BanUser => Self::BanUser,
        }
    }
}

impl From<&ReportView> for ReportInfo {
    fn from(v: &ReportView) -> Self {
        let r = &v.report;
        Self {
            id: *r.id.as_uuid(),
            conversation_id: *r.conversation_id.as_uuid(),
            seq: r.seq.get(),
            reason: r.reason.as_str().to_owned(),
            reporter_id: *r.reporter_id.as_uuid(),
            status: if r.is_open() {
                ReportStatus::Open
            } else {
                ReportStatus::Resolved
            },
            created_at: r.created_at,
            message: v.message.as_ref().map(Into::into),
            resolution: r.resolution.as_ref().map(|s| ReportResolution {
                action: s.action.into(),
                by: *s.by.as_uuid(),
                at: s.at,
            }),
        }
    }
}
