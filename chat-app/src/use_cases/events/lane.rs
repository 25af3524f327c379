//! One conversation's events, delivered one at a time in queue order: each read back
//! as it is now, tried until the receiver takes it or the attempts run out.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use chat_domain::entities::{IntegrationEvent, QueuedEvent};
use chat_domain::ports::{DeliveredEvent, EventDelivery, EventPayload};
use chat_domain::values::Seq;
use tokio::sync::mpsc;

use crate::ChatApp;

/// Delivers what arrives on `events` in order, reporting each position on `done` once
/// it is delivered or given up. Ends when `events` closes.
pub(super) async fn run(
    app: ChatApp,
    sink: Arc<dyn EventDelivery>,
    mut events: mpsc::UnboundedReceiver<QueuedEvent>,
    done: mpsc::UnboundedSender<u64>,
) {
    while let Some(queued) = events.recv().await {
        deliver(&app, sink.as_ref(), &queued).await;
        if done.send(queued.position).is_err() {
            return;
        }
    }
}

/// Every attempt at one event, with backoff between them. Only the receiver's refusals
/// use up attempts: while the store cannot be read, the event waits.
async fn deliver(app: &ChatApp, sink: &dyn EventDelivery, queued: &QueuedEvent) {
    let settings = &app.settings.events;
    let max = settings.max_attempts.max(1);
    let mut backoff = settings.first_backoff;
    let mut attempt = 0;
    loop {
        let why = match resolve(app, queued).await {
            Ok(None) => {
                tracing::warn!(event = %queued.event.id, "an event names what is gone; skipped");
                return;
            }
            Ok(Some(event)) => match sink.deliver(&event).await {
                Ok(()) => {
                    app.outbound.delivered.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                Err(e) => {
                    attempt += 1;
                    e.to_string()
                }
            },
            Err(e) => format!("reading it back: {e}"),
        };
        if attempt >= max {
            app.outbound.dead.fetch_add(1, Ordering::Relaxed);
            let e = &queued.event;
            tracing::warn!(
                event = %e.id,
                kind = kind(&e.event),
                conversation = %e.event.conversation_id(),
                attempts = attempt,
                reason = why,
                "an event was given up (dead letter)"
            );
            return;
        }
        tracing::debug!(event = %queued.event.id, attempt, reason = why, "event delivery failed; retrying");
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(settings.max_backoff.max(Duration::from_millis(1)));
    }
}

/// The event's type, as receivers see it.
fn kind(e: &IntegrationEvent) -> &'static str {
    match e {
        IntegrationEvent::MessageCreated { .. } => "message.created",
        IntegrationEvent::MessageUpdated { .. } => "message.updated",
        IntegrationEvent::MemberAdded { .. } => "member.added",
        IntegrationEvent::MemberRemoved { .. } => "member.removed",
        IntegrationEvent::ConversationCreated { .. } => "conversation.created",
    }
}

/// The event with what it names read as it is now; `None` when that is gone.
async fn resolve(app: &ChatApp, queued: &QueuedEvent) -> Result<Option<DeliveredEvent>, String> {
    let storage = &app.ports.storage;
    let message = |conversation_id, seq: u64| async move {
        let seq = Seq::new(seq).map_err(|e| e.to_string())?;
        storage
            .messages
            .get(conversation_id, seq)
            .await
            .map_err(|e| e.to_string())
    };
    let payload = match queued.event.event.clone() {
        IntegrationEvent::MessageCreated {
            conversation_id,
            seq,
        } => match message(conversation_id, seq).await? {
            Some(message) => EventPayload::MessageCreated { message },
            None => return Ok(None),
        },
        IntegrationEvent::MessageUpdated {
            conversation_id,
            seq,
            change,
        } => match message(conversation_id, seq).await? {
            Some(message) => EventPayload::MessageUpdated { message, change },
            None => return Ok(None),
        },
        IntegrationEvent::MemberAdded {
            conversation_id,
            user_id,
            by,
        } => EventPayload::MemberAdded {
            conversation_id,
            user_id,
            by,
        },
        IntegrationEvent::MemberRemoved {
            conversation_id,
            user_id,
            by,
        } => EventPayload::MemberRemoved {
            conversation_id,
            user_id,
            by,
        },
        IntegrationEvent::ConversationCreated {
            conversation_id,
            by,
        } => {
            let conversations = &storage.conversations;
            let conversation = match conversations.get(conversation_id).await {
                Ok(c) => c,
                Err(chat_domain::RepoError::NotFound(_)) => return Ok(None),
                Err(e) => return Err(e.to_string()),
            };
            let members = conversations
                .participants(conversation_id)
                .await
                .map_err(|e| e.to_string())?;
            EventPayload::ConversationCreated {
                conversation,
                members,
                by,
            }
        }
    };
    Ok(Some(DeliveredEvent {
        id: queued.event.id,
        at: queued.event.at,
        payload,
    }))
}
