//! The events queue: in order, durable until removed, paged by position; and the lease
//! that lets one holder at a time deliver it.

use chrono::Duration;

use chat_domain::entities::{ChangeKind, IntegrationEvent, OutboxEvent};
use chat_domain::ids::{ConversationId, EventId, UserId};

use crate::fixtures::t0;
use crate::StorageHarness;

fn events(conversation: ConversationId) -> Vec<OutboxEvent> {
    let (u, by) = (UserId::new(), UserId::new());
    [
        IntegrationEvent::ConversationCreated {
            conversation_id: conversation,
            by,
        },
        IntegrationEvent::MemberAdded {
            conversation_id: conversation,
            user_id: u,
            by,
        },
        IntegrationEvent::MessageCreated {
            conversation_id: conversation,
            seq: 1,
        },
        IntegrationEvent::MessageUpdated {
            conversation_id: conversation,
            seq: 1,
            change: ChangeKind::Reaction,
        },
        IntegrationEvent::MemberRemoved {
            conversation_id: conversation,
            user_id: u,
            by: u,
        },
    ]
    .into_iter()
    .enumerate()
    .map(|(i, event)| OutboxEvent {
        id: EventId::new(),
        at: t0() + Duration::milliseconds(i as i64),
        event,
    })
    .collect()
}

/// Events come back in the order queued, by increasing position, until removed; they
/// outlive a reopen; later ones queue after them.
pub async fn it_should_queue_events_in_order_until_they_are_removed(h: &impl StorageHarness) {
    let s = h.open().await;
    let all = events(ConversationId::new());
    s.events.enqueue(&all[..3]).await.unwrap();
    s.events.enqueue(&all[3..]).await.unwrap();
    s.events.enqueue(&[]).await.unwrap();
    let queued = s.events.pending(None, 100).await.unwrap();
    let got: Vec<_> = queued.iter().map(|q| q.event.clone()).collect();
    assert_eq!(got, all);
    assert!(queued.windows(2).all(|w| w[0].position < w[1].position));
    let page = s.events.pending(Some(queued[1].position), 2).await.unwrap();
    assert_eq!(page, queued[2..4].to_vec());

    s.events
        .remove(&[queued[0].position, queued[2].position, u64::MAX - 1])
        .await
        .unwrap();
    let s = h.reopen().await;
    let left = s.events.pending(None, 100).await.unwrap();
    let want: Vec<_> = [1, 3, 4].iter().map(|i| queued[*i].clone()).collect();
    assert_eq!(left, want);
    let more = events(ConversationId::new());
    s.events.enqueue(&more[..1]).await.unwrap();
    let after = s.events.pending(None, 100).await.unwrap();
    assert_eq!(after.len(), 4);
    assert_eq!(after[3].event, more[0]);
    assert!(after[3].position > queued[4].position);
    let positions: Vec<u64> = after.iter().map(|q| q.position).collect();
    s.events.remove(&positions).await.unwrap();
    assert!(s.events.pending(None, 100).await.unwrap().is_empty());
}

/// One holder at a time: the lease is renewed by its holder and taken by another only
/// once it has run out.
pub async fn it_should_lease_delivery_to_one_holder_at_a_time(h: &impl StorageHarness) {
    let s = h.open().await;
    let at = |secs| t0() + Duration::seconds(secs);
    assert!(s.events.lease("node-a", at(0), at(15)).await.unwrap());
    assert!(!s.events.lease("node-b", at(1), at(16)).await.unwrap());
    assert!(
        s.events.lease("node-a", at(10), at(25)).await.unwrap(),
        "renewed"
    );
    assert!(
        !s.events.lease("node-b", at(20), at(35)).await.unwrap(),
        "still a's"
    );
    assert!(
        s.events.lease("node-b", at(25), at(40)).await.unwrap(),
        "run out"
    );
    assert!(!s.events.lease("node-a", at(26), at(41)).await.unwrap());
}
