//! Domain events as the frames live connections receive.

use chat_domain::events::DomainEvent;

use crate::objects::Message;
use crate::ws::ServerFrame;

impl ServerFrame {
    /// The frame for an event, or `None` for events that are not sent to clients as
    /// such (revoked sessions close sockets instead).
    pub fn event(e: &DomainEvent) -> Option<Self> {
        Some(match e {
            DomainEvent::MessageSent { message, reply } => ServerFrame::Message {
                message: Message {
                    reply: reply.as_ref().map(Into::into),
                    ..message.into()
                },
            },
            DomainEvent::MessageChanged { message, change } => ServerFrame::MessageUpdated {
                message: message.into(),
                change: (*change).into(),
            },
            DomainEvent::Delivered {
                conversation_id,
                user_id,
                seq,
            } => ServerFrame::Delivered {
                conversation_id: *conversation_id.as_uuid(),
                user_id: *user_id.as_uuid(),
                seq: *seq,
            },
            DomainEvent::MessagesRead {
                conversation_id,
                user_id,
                seq,
            } => ServerFrame::Receipt {
                conversation_id: *conversation_id.as_uuid(),
                user_id: *user_id.as_uuid(),
                seq: *seq,
            },
            DomainEvent::Typing {
                conversation_id,
                user_id,
            } => ServerFrame::Typing {
                conversation_id: *conversation_id.as_uuid(),
                user_id: *user_id.as_uuid(),
            },
            DomainEvent::PresenceChanged {
                user_id,
                status,
                last_seen,
            } => ServerFrame::Presence {
                user_id: *user_id.as_uuid(),
                status: (*status).into(),
                last_seen: *last_seen,
            },
            DomainEvent::PinChanged {
                conversation_id,
                seq,
                pinned: true,
                by,
            } => ServerFrame::Pinned {
                conversation_id: *conversation_id.as_uuid(),
                seq: *seq,
                by: *by.as_uuid(),
            },
            DomainEvent::PinChanged {
                conversation_id,
                seq,
                pinned: false,
                by,
            } => ServerFrame::Unpinned {
                conversation_id: *conversation_id.as_uuid(),
                seq: *seq,
                by: *by.as_uuid(),
            },
            DomainEvent::MemberAdded {
                conversation_id,
                user_id,
                by,
            } => ServerFrame::MemberAdded {
                conversation_id: *conversation_id.as_uuid(),
                user_id: *user_id.as_uuid(),
                by: *by.as_uuid(),
            },
            DomainEvent::MemberRemoved {
                conversation_id,
                user_id,
                by,
            } => ServerFrame::MemberRemoved {
                conversation_id: *conversation_id.as_uuid(),
                user_id: *user_id.as_uuid(),
                by: *by.as_uuid(),
            },
            DomainEvent::Resync => ServerFrame::Resync,
            DomainEvent::ThreadRead {
                conversation_id,
                root,
                seq,
                ..
            } => ServerFrame::ThreadRead {
                conversation_id: *conversation_id.as_uuid(),
                root_seq: *root,
                read_seq: *seq,
            },
            DomainEvent::SessionsRevoked { .. } => return None,
        })
    }
}
