use chat_domain::entities::{ChangeKind, IntegrationEvent, OutboxEvent};
use chat_domain::events::DomainEvent;
use chat_domain::ids::EventId;

use crate::{AppError, ChatApp};

impl ChatApp {
    /// Queues the event a host's systems hear of for `event`, if it is one and an events
    /// receiver is configured; durable when this returns.
    ///
    /// # Errors
    /// `unavailable` if the store refused it.
    pub(crate) async fn record(&self, event: &DomainEvent) -> Result<(), AppError> {
        if self.ports.events_out.is_none() {
            return Ok(());
        }
        match integration_event(event) {
            Some(e) => self.queue_event(e).await,
            None => Ok(()),
        }
    }

    /// Queues `event` for the host's events receiver, if one is configured.
    ///
    /// # Errors
    /// `unavailable` if the store refused it.
    pub(crate) async fn queue_event(&self, event: IntegrationEvent) -> Result<(), AppError> {
        self.queue_events(vec![event]).await
    }

    /// Queues `events` in one write (a pipelined run's messages share it), if an events
    /// receiver is configured.
    ///
    /// # Errors
    /// `unavailable` if the store refused them (none is queued then).
    pub(crate) async fn queue_events(&self, events: Vec<IntegrationEvent>) -> Result<(), AppError> {
        if self.ports.events_out.is_none() || events.is_empty() {
            return Ok(());
        }
        let at = self.ports.clock.now();
        let queued: Vec<OutboxEvent> = events
            .into_iter()
            .map(|event| OutboxEvent {
                id: EventId::new(),
                at,
                event,
            })
            .collect();
        if let Err(e) = self.ports.storage.events.enqueue(&queued).await {
            tracing::error!(error = %e, "an event for the events receiver was not queued");
            return Err(e.into());
        }
        self.outbound.queued.notify_one();
        Ok(())
    }
}

/// The `message.created` of a stored message.
pub(crate) fn message_created(m: &chat_domain::entities::Message) -> IntegrationEvent {
    IntegrationEvent::MessageCreated {
        conversation_id: m.conversation_id,
        seq: m.seq.get(),
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
