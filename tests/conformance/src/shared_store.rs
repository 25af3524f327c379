//! Checks for stores that several server processes share (the SQL stores): each takes
//! handles opened twice on one backend, as two processes hold them, or a store reached
//! through a [`Proxy`] the check can cut. A store crate calls them from its own tests,
//! which know how to open it twice or through a proxy.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{MessageRepository, Storage};
use chat_domain::values::{Limit, PageQuery, Seq};
use chat_domain::RepoError;

use crate::fixtures::{text, user};
use crate::proxy::Proxy;

/// Senders per process in [`appends_from_two_processes_get_seqs_without_gaps`].
pub const TASKS_PER_PROCESS: usize = 4;
/// Appends per sender there.
pub const APPENDS_PER_TASK: usize = 500;

/// Two processes × 4 senders × 500 appends to one conversation: the acked seqs are
/// exactly 1..=4000, each sender's in the order it sent them, and both processes read
/// the same history.
pub async fn appends_from_two_processes_get_seqs_without_gaps(a: &Storage, b: &Storage) {
    let conversation = ConversationId::new();
    let mut tasks = Vec::new();
    for (p, store) in [a, b].into_iter().enumerate() {
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
        let seqs = t.await.expect("sender task");
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "a sender's own order");
        acked.extend(seqs);
    }
    let total = (2 * TASKS_PER_PROCESS * APPENDS_PER_TASK) as u64;
    acked.sort_unstable();
    assert_gap_free(&acked, total);

    // What is stored agrees, read through the other process.
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

/// 200 sends, each racing its retry through the other process: each is stored once,
/// both calls answer with the one stored message, and exactly one says it created it.
pub async fn a_retry_racing_its_original_through_another_process_is_stored_once(
    a: &Storage,
    b: &Storage,
) {
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

/// A retry sent among 50 new messages answers with the stored original and costs the
/// others nothing: they take seqs 2..=51.
pub async fn a_retry_among_new_messages_returns_the_stored_one_and_stores_the_rest(
    store: &Storage,
) {
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

/// The backend behind `proxy` goes away and comes back: calls fail with `Unavailable`
/// in time (never a false ack, never a hang), and `store` recovers by itself; the send
/// refused during the outage, retried with its client id, is stored once.
pub async fn calls_fail_unavailable_during_an_outage_and_recover_after(
    store: &Storage,
    proxy: &Proxy,
) {
    let (conversation, sender) = (ConversationId::new(), UserId::new());
    let alice = user("alice");
    store.users.create(&alice).await.unwrap();
    let first = store
        .messages
        .append(text(conversation, sender, "m1", "before"))
        .await;
    assert_eq!(first.unwrap().message.seq.get(), 1);

    proxy.cut();
    let send = store
        .messages
        .append(text(conversation, sender, "m2", "during"));
    let sent = tokio::time::timeout(Duration::from_secs(10), send).await;
    assert!(
        matches!(sent, Ok(Err(RepoError::Unavailable(_)))),
        "a send while down is refused in time, never acked: {sent:?}"
    );
    let read = store
        .messages
        .page(conversation, PageQuery::default())
        .await;
    assert!(matches!(read, Err(RepoError::Unavailable(_))), "{read:?}");
    let lookup = store.users.get(alice.id).await;
    assert!(
        matches!(lookup, Err(RepoError::Unavailable(_))),
        "{lookup:?}"
    );

    proxy.restore();
    // The client retries its refused send with the same client_msg_id.
    let mut retried = None;
    for _ in 0..40 {
        match store
            .messages
            .append(text(conversation, sender, "m2", "during"))
            .await
        {
            Ok(a) => {
                retried = Some(a);
                break;
            }
            Err(RepoError::Unavailable(_)) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(e) => panic!("{e}"),
        }
    }
    let retried = retried.expect("the store recovers without a restart");
    assert!(retried.created, "the refused send was not stored");
    assert_eq!(retried.message.seq.get(), 2);
    let third = store
        .messages
        .append(text(conversation, sender, "m3", "after"))
        .await;
    assert_eq!(third.unwrap().message.seq.get(), 3);
    let history = store
        .messages
        .page(conversation, PageQuery::default())
        .await
        .unwrap();
    let bodies: Vec<_> = history.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["before", "during", "after"]);
    assert_eq!(store.users.get(alice.id).await.unwrap(), alice);
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
