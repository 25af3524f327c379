//! A queued event as the metadata log writes it: its id, its time and what it names (no
//! body: the message is read when the event goes out).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use chat_domain::entities::{ChangeKind, IntegrationEvent, OutboxEvent};
use chat_domain::ids::{ConversationId, EventId, UserId};

#[derive(Serialize, Deserialize)]
pub(super) struct EventRecord {
    id: Uuid,
    at: DateTime<Utc>,
    #[serde(flatten)]
    what: WhatRecord,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "type")]
enum WhatRecord {
    #[serde(rename = "message.created")]
    MessageCreated { conversation_id: Uuid, seq: u64 },
    #[serde(rename = "message.updated")]
    MessageUpdated {
        conversation_id: Uuid,
        seq: u64,
        change: ChangeRecord,
    },
    #[serde(rename = "member.added")]
    MemberAdded {
        conversation_id: Uuid,
        user_id: Uuid,
        by: Uuid,
    },
    #[serde(rename = "member.removed")]
    MemberRemoved {
        conversation_id: Uuid,
        user_id: Uuid,
        by: Uuid,
    },
    #[serde(rename = "conversation.created")]
    ConversationCreated { conversation_id: Uuid, by: Uuid },
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ChangeRecord {
    Edit,
    Recall,
    Reaction,
    Thread,
    Pin,
    Unpin,
}

impl From<ChangeKind> for ChangeRecord {
    fn from(c: ChangeKind) -> Self {
        match c {
            ChangeKind::Edit => Self::Edit,
            ChangeKind::Recall => Self::Recall,
            ChangeKind::Reaction => Self::Reaction,
            ChangeKind::Thread => Self::Thread,
            ChangeKind::Pin => Self::Pin,
            ChangeKind::Unpin => Self::Unpin,
        }
    }
}

impl From<ChangeRecord> for ChangeKind {
    fn from(c: ChangeRecord) -> Self {
        match c {
            ChangeRecord::Edit => Self::Edit,
            ChangeRecord::Recall => Self::Recall,
            ChangeRecord::Reaction => Self::Reaction,
            ChangeRecord::Thread => Self::Thread,
            ChangeRecord::Pin => Self::Pin,
            ChangeRecord::Unpin => Self::Unpin,
        }
    }
}

impl From<&OutboxEvent> for EventRecord {
    fn from(e: &OutboxEvent) -> Self {
        let (c, u) = (|c: &ConversationId| *c.as_uuid(), |u: &UserId| *u.as_uuid());
        let what = match &e.event {
            IntegrationEvent::MessageCreated {
                conversation_id,
                seq,
            } => WhatRecord::MessageCreated {
                conversation_id: c(conversation_id),
                seq: *seq,
            },
            IntegrationEvent::MessageUpdated {
                conversation_id,
                seq,
                change,
            } => WhatRecord::MessageUpdated {
                conversation_id: c(conversation_id),
                seq: *seq,
                change: (*change).into(),
            },
            IntegrationEvent::MemberAdded {
                conversation_id,
                user_id,
                by,
            } => WhatRecord::MemberAdded {
                conversation_id: c(conversation_id),
                user_id: u(user_id),
                by: u(by),
            },
            IntegrationEvent::MemberRemoved {
                conversation_id,
                user_id,
                by,
            } => WhatRecord::MemberRemoved {
                conversation_id: c(conversation_id),
                user_id: u(user_id),
                by: u(by),
            },
            IntegrationEvent::ConversationCreated {
                conversation_id,
                by,
            } => WhatRecord::ConversationCreated {
                conversation_id: c(conversation_id),
                by: u(by),
            },
        };
        Self {
            id: *e.id.as_uuid(),
            at: e.at,
            what,
        }
    }
}

impl From<EventRecord> for OutboxEvent {
    fn from(r: EventRecord) -> Self {
        let (c, u) = (ConversationId::from_uuid, UserId::from_uuid);
        let event = match r.what {
            WhatRecord::MessageCreated {
                conversation_id,
                seq,
            } => IntegrationEvent::MessageCreated {
                conversation_id: c(conversation_id),
                seq,
            },
            WhatRecord::MessageUpdated {
                conversation_id,
                seq,
                change,
            } => IntegrationEvent::MessageUpdated {
                conversation_id: c(conversation_id),
                seq,
                change: change.into(),
            },
            WhatRecord::MemberAdded {
                conversation_id,
                user_id,
                by,
            } => IntegrationEvent::MemberAdded {
                conversation_id: c(conversation_id),
                user_id: u(user_id),
                by: u(by),
            },
            WhatRecord::MemberRemoved {
                conversation_id,
                user_id,
                by,
            } => IntegrationEvent::MemberRemoved {
                conversation_id: c(conversation_id),
                user_id: u(user_id),
                by: u(by),
            },
            WhatRecord::ConversationCreated {
                conversation_id,
                by,
            } => IntegrationEvent::ConversationCreated {
                conversation_id: c(conversation_id),
                by: u(by),
            },
        };
        OutboxEvent {
            id: EventId::from_uuid(r.id),
            at: r.at,
            event,
        }
    }
}
