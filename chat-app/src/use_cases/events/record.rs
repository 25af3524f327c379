use chrono::{DateTime, Utc};

use chat_domain::entities::{ChangeKind, IntegrationEvent, Message, OutboxEvent};
use chat_domain::events::DomainEvent;
use chat_domain::ids::EventId;

use crate::ChatApp;

impl ChatApp {
    /// Queues the event a host's systems hear of for `event`, if it is one and an events
    /// receiver is configured (see [`ChatApp::queue_events`]).
    pub(crate) async fn record(&self, event: &DomainEvent) {
        if self.ports.events_out.is_none() {
            return;
        }
        if let Some(e) = integration_event(event) {
            self.queue_event(e).await;
        }
    }

    /// Queues `event` for the host's events receiver, if one is configured.
    pub(crate) async fn queue_event(&self, event: IntegrationEvent) {
        let event = OutboxEvent {
            id: EventId::new(),
            at: self.ports.clock.now(),
            event,
        };
        self.queue_events(vec![event]).await;
    }

    /// Queues `events` in one write (a pipelined run's messages share it), if an events
    /// receiver is configured; durable when this returns. The change behind them is
    /// stored already, so a store that refuses the write fails no request: the events
    /// wait in this node's memory and the delivery loop queues them once the store
    /// answers (lost only if the node stops meanwhile).
    pub(crate) async fn queue_events(&self, events: Vec<OutboxEvent>) {
        if self.ports.events_out.is_none() || events.is_empty() {
            return;
        }
        if let Err(e) = self.ports.storage.events.enqueue(&events).await {
            tracing::error!(error = %e, events = events.len(), "events not queued; held in memory until the store answers");
            self.outbound.hold(events);
        }
        self.outbound.queued.notify_one();
    }
}

/// The `message.created` of a stored message, queued at `at`. Its id derives from the
/// message's, so a retried send that queues it again queues the same event: receivers
/// drop the repeat by its id.
pub(crate) fn message_created(m: &Message, at: DateTime<Utc>) -> OutboxEvent {
    let id = uuid::Uuid::new_v5(m.id.as_uuid(), b"message.created");
    OutboxEvent {
        id: EventId::from_uuid(id),
        at,
        event: IntegrationEvent::MessageCreated {
            conversation_id: m.conversation_id,
            seq: m.seq.get(),
        },
    }
}

/// What the host hears of a domain event, if anything. A new message is queued by the
/// send paths themselves (a pipelined run's in one write; a retry's again), not here.
fn integration_event(event: &DomainEvent) -> Option<IntegrationEvent> {
    Some(match event {
        DomainEvent::MessageChanged { message, change } => IntegrationEvent::MessageUpdated {
            conversation_id: message.conversation_id,
            seq: message.seq.get(),
            change: *change,
        },
        DomainEvent::PinChanged {
            conversation_id,
            seq,
            pinned,
            ..
        } => IntegrationEvent::MessageUpdated {
            conversation_id: *conversation_id,
            seq: *seq,
            change: if *pinned {
                ChangeKind::Pin
            } else {
                ChangeKind::Unpin
            },
        },
        DomainEvent::MemberAdded {
            conversation_id,
            user_id,
            by,
        } => IntegrationEvent::MemberAdded {
            conversation_id: *conversation_id,
            user_id: *user_id,
            by: *by,
        },
        DomainEvent::MemberRemoved {
            conversation_id,
            user_id,
            by,
        } => IntegrationEvent::MemberRemoved {
            conversation_id: *conversation_id,
            user_id: *user_id,
            by: *by,
        },
        _ => return None,
    })
}
