//! Two adapter instances (two pools, as two server processes) on one database.

mod support;

use std::collections::HashSet;
use std::sync::Arc;

use chat_conformance::fixtures::text;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::MessageRepository;
use chat_domain::values::{Limit, PageQuery, Seq};

const TASKS_PER_PROCESS: usize = 4;
const APPENDS_PER_TASK: usize = 500;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_pools_appending_to_one_conversation_get_seqs_without_gaps_or_duplicates() {
    let Some(db) = support::database().await else {
        return;
    };
    let (a, b) = (support::store(&db).await, support::store(&db).await);
    let conversation = ConversationId::new();
    let mut tasks = Vec::new();
    for (p, store) in [&a, &b].into_iter().enumerate() {
        for t in 0..TASKS_PER_PROCESS {
            let messages: Arc<dyn MessageRepository> = store.messages.clone();
            tasks.push(tokio::spawn(async move {
                let sender = UserId::new();
                let mut seqs = Vec::with_capacity(APPENDS_PER_TASK);
                for i in 0..APPENDS_PER_TASK {
                    let m = text(conversation, sender, &format!("p{p}-t{t}-{i}"), "hello");
                    let stored = messages.append(m).await.expect("append");
                    assert!(stored.created);
                    seqs.push(stored.message.seq.get());
                }
                seqs
            }));
        }
    }
    let mut acked = Vec::new();
    for t in tasks {
        let seqs = t.await.unwrap();
        // Each sender's own messages are in the order it sent them.
        assert!(seqs.windows(2).all(|w| w[0] < w[1]));
        acked.extend(seqs);
    }
    let total = (2 * TASKS_PER_PROCESS * APPENDS_PER_TASK) as u64;
    acked.sort_unstable();
    assert_gap_free(&acked, total);

    // What is stored agrees, read through the other pool.
    assert_eq!(b.messages.last_seq(conversation).await.unwrap(), total);
    let mut stored = Vec::new();
    let mut before = None;
    loop {
        let q = PageQuery {
            before,
            limit: Limit::new(100).unwrap(),
            ..PageQuery::default()
        };
        let page = a.messages.page(conversation, q).await.unwrap();
        let Some(first) = page.first() else { break };
        before = Some(first.seq);
        stored.splice(0..0, page.into_iter().map(|m| m.seq.get()));
    }
    assert_gap_free(&stored, total);
    assert_eq!(a.messages.count().await.unwrap(), total);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_racing_its_original_through_another_pool_is_stored_once() {
    let Some(db) = support::database().await else {
        return;
    };
    let (a, b) = (support::store(&db).await, support::store(&db).await);
    let conversation = ConversationId::new();
    let sender = UserId::new();
    let n = 200;
    let mut races = Vec::new();
    for i in 0..n {
        let original = text(conversation, sender, &format!("c{i}"), "once");
        let retry = original.clone();
        let (ma, mb) = (a.messages.clone(), b.messages.clone());
        races.push(tokio::spawn(async move {
            let (x, y) = tokio::join!(ma.append(original), mb.append(retry));
            (x.unwrap(), y.unwrap())
        }));
    }
    let mut seqs = HashSet::new();
    for race in races {
        let (x, y) = race.await.unwrap();
        assert_eq!(
            x.message, y.message,
            "both calls see the one stored message"
        );
        assert!(x.created ^ y.created, "exactly one of the two stored it");
        seqs.insert(x.message.seq.get());
    }
    assert_eq!(seqs, (1..=n).collect::<HashSet<_>>());
    assert_eq!(a.messages.last_seq(conversation).await.unwrap(), n);
    let last = a.messages.get(conversation, Seq::new(n).unwrap()).await;
    assert!(last.unwrap().is_some());
}

/// `seqs` is exactly 1..=total; on failure, names the first place it is not.
fn assert_gap_free(seqs: &[u64], total: u64) {
    let wrong = seqs.iter().zip(1..).find(|(got, want)| **got != *want);
    assert!(
        wrong.is_none() && seqs.len() as u64 == total,
        "expected seqs 1..={total}; got {} seqs, first wrong: {wrong:?}",
        seqs.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_retry_among_new_messages_returns_the_stored_one_and_stores_the_rest() {
    let Some(db) = support::database().await else {
        return;
    };
    let store = support::store(&db).await;
    let (conversation, sender) = (ConversationId::new(), UserId::new());
    let original = text(conversation, sender, "first", "once");
    let first = store.messages.append(original.clone()).await.unwrap();
    // Sent together they share batches; the retry must not cost the others anything.
    let mut sends = Vec::new();
    for i in 0..50 {
        let messages = store.messages.clone();
        let m = text(conversation, sender, &format!("new-{i}"), "new");
        sends.push(tokio::spawn(
            async move { messages.append(m).await.unwrap() },
        ));
        if i == 25 {
            let messages = store.messages.clone();
            let retry = original.clone();
            sends.push(tokio::spawn(async move {
                messages.append(retry).await.unwrap()
            }));
        }
    }
    let mut seqs = Vec::new();
    for s in sends {
        let appended = s.await.unwrap();
        if appended.message.client_msg_id == original.client_msg_id {
            assert_eq!(appended.message, first.message);
            assert!(!appended.created);
        } else {
            assert!(appended.created);
            seqs.push(appended.message.seq.get());
        }
    }
    seqs.sort_unstable();
    assert_eq!(seqs, (2..=51).collect::<Vec<_>>());
    assert_eq!(store.messages.last_seq(conversation).await.unwrap(), 51);
}
