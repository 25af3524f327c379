//! Checks for pinned messages: the limit under racing pins, the list's order, and what
//! a recall does to a pin.

use std::sync::Arc;

use chat_domain::entities::{MessageChange, Pin};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::rules::MAX_PINS;
use chat_domain::values::Seq;
use chat_domain::RepoError;

use crate::fixtures::{t0, text};
use crate::StorageHarness;

fn seq(n: u64) -> Seq {
    Seq::new(n).unwrap()
}

fn pin(by: UserId, second: i64) -> MessageChange {
    MessageChange::Pin(Pin {
        by,
        at: t0() + chrono::Duration::seconds(second),
    })
}

/// 55 pins racing in one conversation: exactly 50 land and the rest answer Conflict;
/// the list is the most recently pinned first; pinning twice or unpinning what is not
/// pinned changes nothing; a recall unpins; all of it survives a restart.
pub async fn it_should_pin_at_most_fifty_under_racing_pins_and_unpin_on_recall(
    h: &impl StorageHarness,
) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let alice = UserId::new();
    let drafts = (1..=60).map(|i| text(conv, alice, &format!("c{i}"), &format!("m {i}")));
    for r in s.messages.append_all(drafts.collect()).await {
        r.unwrap();
    }
    let mut tasks = Vec::new();
    for n in 1..=55u64 {
        let messages = Arc::clone(&s.messages);
        tasks.push(tokio::spawn(async move {
            messages.change(conv, seq(n), &pin(alice, n as i64)).await
        }));
    }
    let (mut landed, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(c) => {
                assert!(c.changed);
                landed += 1;
            }
            Err(RepoError::Conflict(_)) => refused += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!((landed, refused), (MAX_PINS, 55 - MAX_PINS));
    let pinned = s.messages.pinned(conv).await.unwrap();
    assert_eq!(pinned.len(), MAX_PINS);
    let times: Vec<_> = pinned.iter().map(|m| m.pinned.unwrap().at).collect();
    let mut newest_first = times.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, newest_first, "the most recently pinned first");

    let some = pinned[0].seq;
    let again = s
        .messages
        .change(conv, some, &pin(alice, 99))
        .await
        .unwrap();
    assert!(!again.changed, "pinned already");
    let unpinned = s
        .messages
        .change(conv, some, &MessageChange::Unpin)
        .await
        .unwrap();
    assert!(unpinned.changed && unpinned.message.pinned.is_none());
    let twice = s
        .messages
        .change(conv, some, &MessageChange::Unpin)
        .await
        .unwrap();
    assert!(!twice.changed);
    let other = pinned[1].seq;
    let recalled = s
        .messages
        .change(conv, other, &MessageChange::Recall)
        .await
        .unwrap();
    assert_eq!(recalled.message.pinned, None, "a recall unpins");
    assert!(matches!(
        s.messages.change(conv, other, &pin(alice, 100)).await,
        Err(RepoError::Conflict(_))
    ));
    let gone = s
        .messages
        .change(conv, other, &MessageChange::Unpin)
        .await
        .unwrap();
    assert!(!gone.changed);
    let late = s
        .messages
        .change(conv, seq(60), &pin(alice, 200))
        .await
        .unwrap();
    assert!(late.changed, "room again below the limit");

    let s = h.reopen().await;
    let after = s.messages.pinned(conv).await.unwrap();
    assert_eq!(after.len(), MAX_PINS - 1);
    assert_eq!(after[0].seq, seq(60));
    assert!(after.iter().all(|m| m.seq != some && m.seq != other));
    let m = s.messages.get(conv, seq(60)).await.unwrap().unwrap();
    assert_eq!(m.pinned, late.message.pinned);
    assert!(s
        .messages
        .pinned(ConversationId::new())
        .await
        .unwrap()
        .is_empty());
}
