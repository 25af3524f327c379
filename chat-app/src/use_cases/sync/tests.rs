use std::sync::{Arc, Mutex};

use chat_domain::entities::{Conversation, ConversationType, Participant, ParticipantRole};
use chat_domain::ids::ConversationId;
use chat_domain::ports::{LogMark, Membership, SyncPoint};
use chat_domain::values::{SyncLimit, Title};

use crate::testing::*;
use crate::Actor;

/// A conversation, its conversation stamp, its member stamp, its log stamp.
type Row = (ConversationId, u64, u64, u64);

/// Stamps a test changes at will, on stores that never settle (as a SQL store within
/// its margin), so only the cursor's `seen` lists tell old from new.
#[derive(Clone, Default)]
struct World {
    rows: Arc<Mutex<Vec<Row>>>,
}

fn group(id: ConversationId, owner: &Actor) -> Membership {
    Membership {
        conversation: Conversation {
            id,
            ty: ConversationType::Group {
                title: Title::parse("t").unwrap(),
            },
            created_by: owner.id(),
            created_at: now(),
        },
        participant: Participant::join(id, owner.id(), ParticipantRole::Owner, now()),
        conversation_stamp: 0,
        member_stamp: 0,
    }
}

fn ports(world: &World, me: &Actor, epoch: u64) -> crate::Ports {
    let (w1, w2, me) = (world.clone(), world.clone(), me.clone());
    let mut convs = MockConversations::new();
    convs
        .expect_sync_point()
        .returning(move || Ok(SyncPoint { epoch, settled: 0 }));
    convs.expect_memberships().returning(move |_| {
        Ok(w1
            .rows
            .lock()
            .unwrap()
            .iter()
            .map(|&(id, c, m, _)| Membership {
                conversation_stamp: c,
                member_stamp: m,
                ..group(id, &me)
            })
            .collect())
    });
    convs.expect_left_since().returning(|_, _| Ok(Vec::new()));
    convs.expect_participants().returning(|_| Ok(Vec::new()));
    let mut messages = MockMessages::new();
    messages
        .expect_sync_point()
        .returning(move || Ok(SyncPoint { epoch, settled: 0 }));
    messages.expect_log_marks().returning(move |ids| {
        let rows = w2.rows.lock().unwrap();
        Ok(ids
            .iter()
            .map(|id| {
                let row = rows.iter().find(|r| r.0 == *id).unwrap();
                LogMark {
                    conversation_id: *id,
                    last_version: 0,
                    stamp: row.3,
                }
            })
            .collect())
    });
    messages.expect_latest().returning(|_| Ok(Vec::new()));
    memory_ports_with(|p| {
        p.storage.conversations = Arc::new(convs);
        p.storage.messages = Arc::new(messages);
    })
}

#[tokio::test]
async fn stamps_above_the_settled_point_are_news_once() {
    let me = actor("mel");
    let world = World::default();
    let (a, b) = (ConversationId::new(), ConversationId::new());
    *world.rows.lock().unwrap() = vec![(a, 5, 6, 0), (b, 5, 5, 9)];
    let app = app(ports(&world, &me, 1));
    let full = app.sync(&me, None, SyncLimit::default()).await.unwrap();
    assert_eq!(full.conversations.len(), 2);
    let again = app
        .sync(&me, Some(full.cursor.clone()), SyncLimit::default())
        .await
        .unwrap();
    assert!(again.conversations.is_empty(), "seen as they are");

    // A's read cursor moves; B's log takes a message; each is news once.
    world.rows.lock().unwrap()[0].2 = 7;
    let moved = app
        .sync(&me, Some(again.cursor.clone()), SyncLimit::default())
        .await
        .unwrap();
    let ids: Vec<_> = moved
        .conversations
        .iter()
        .map(|c| c.summary.conversation.id)
        .collect();
    assert_eq!(ids, [a]);
    world.rows.lock().unwrap()[1].3 = 10;
    let logged = app
        .sync(&me, Some(moved.cursor.clone()), SyncLimit::default())
        .await
        .unwrap();
    assert_eq!(logged.conversations.len(), 1);
    assert_eq!(logged.conversations[0].summary.conversation.id, b);
    // The older cursor answers a superset.
    let older = app
        .sync(&me, Some(again.cursor), SyncLimit::default())
        .await
        .unwrap();
    assert_eq!(older.conversations.len(), 2);
}

#[tokio::test]
async fn a_cursor_of_another_epoch_is_refused_before_anything_is_read() {
    let me = actor("mel");
    let world = World::default();
    let full = app(ports(&world, &me, 1))
        .sync(&me, None, SyncLimit::default())
        .await
        .unwrap();
    let mut convs = MockConversations::new();
    convs.expect_sync_point().returning(|| {
        Ok(SyncPoint {
            epoch: 2,
            settled: 0,
        })
    });
    convs.expect_memberships().never();
    let mut messages = MockMessages::new();
    messages.expect_sync_point().returning(|| {
        Ok(SyncPoint {
            epoch: 1,
            settled: 0,
        })
    });
    let other = app(memory_ports_with(|p| {
        p.storage.conversations = Arc::new(convs);
        p.storage.messages = Arc::new(messages);
    }));
    let e = other
        .sync(&me, Some(full.cursor), SyncLimit::default())
        .await
        .unwrap_err();
    assert_eq!(variant(&e), "BadRequest");
}
