//! Checks for threads and forwards: the links a message keeps, each strand's pages, and
//! a root's summary of its replies.

use std::sync::Arc;

use chat_domain::entities::{Forwarded, Message, MessageChange, NewMessage};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Limit, PageQuery, Seq, Strand, StrandQuery};

use crate::fixtures::{t0, text};
use crate::StorageHarness;

fn seq(n: u64) -> Seq {
    Seq::new(n).unwrap()
}

/// Message `i` of the thread layout the strand checks use: every third a reply to 1,
/// every fifth (not third) a reply to 2, the rest top-level; 7 forwarded.
fn draft(conv: ConversationId, sender: UserId, i: u64) -> NewMessage {
    let mut m = text(conv, sender, &format!("c{i}"), &format!("message {i}"));
    m.thread_root = match i {
        _ if i > 2 && i.is_multiple_of(3) => Some(seq(1)),
        _ if i > 2 && i.is_multiple_of(5) => Some(seq(2)),
        _ => None,
    };
    if i == 7 {
        m.forwarded = Some(Forwarded {
            sender_id: UserId::new(),
            created_at: t0() - chrono::Duration::days(3),
        });
    }
    m
}

/// What a strand page holds, worked out from the whole history.
fn expected(all: &[Message], q: StrandQuery) -> Vec<u64> {
    let lower = q.lower();
    let upper = q.before.map_or(u64::MAX, Seq::get);
    let held: Vec<u64> = all
        .iter()
        .filter(|m| q.strand.holds(m) && m.seq.get() > lower && m.seq.get() < upper)
        .map(|m| m.seq.get())
        .collect();
    let n = q.limit.get();
    if q.after.is_some() {
        held.into_iter().take(n).collect()
    } else {
        held[held.len().saturating_sub(n)..].to_vec()
    }
}

/// A reply keeps its root and a forward where it came from, through every read and a
/// restart; each strand (top-level messages, one thread's replies) pages by seq as
/// history does, across more messages than one page of the store holds.
pub async fn it_should_keep_thread_links_and_page_each_strand(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let alice = UserId::new();
    let drafts: Vec<NewMessage> = (1..=260).map(|i| draft(conv, alice, i)).collect();
    let forwarded = drafts[6].forwarded;
    for chunk in drafts.chunks(90) {
        for r in s.messages.append_all(chunk.to_vec()).await {
            assert!(r.unwrap().created);
        }
    }
    let reply = s.messages.get(conv, seq(6)).await.unwrap().unwrap();
    assert_eq!(reply.thread_root, Some(seq(1)));
    assert_eq!(reply.forwarded, None);
    let fwd = s.messages.get(conv, seq(7)).await.unwrap().unwrap();
    assert_eq!((fwd.thread_root, fwd.forwarded), (None, forwarded));

    let s = h.reopen().await;
    let first = PageQuery::before(seq(101), limit(100));
    let mut all = s.messages.page(conv, first).await.unwrap();
    for from in [100, 200] {
        let next = PageQuery::after(seq(from), limit(100));
        all.extend(s.messages.page(conv, next).await.unwrap());
    }
    assert_eq!(
        all.len(),
        260,
        "history keeps every message, replies included"
    );
    assert_eq!(all[5].thread_root, Some(seq(1)));
    assert_eq!(all[6].forwarded, forwarded);

    let strands = [
        Strand::TopLevel,
        Strand::Replies(seq(1)),
        Strand::Replies(seq(2)),
    ];
    for strand in strands {
        for (after, before, n) in [
            (None, None, 10),
            (None, None, 100),
            (Some(0), None, 7),
            (Some(0), None, 100),
            (Some(40), None, 30),
            (Some(250), None, 50),
            (None, Some(200), 25),
            (None, Some(3), 5),
            (Some(10), Some(150), 100),
            (None, Some(261), 100),
        ] {
            let q = StrandQuery {
                strand,
                after,
                before: before.map(seq),
                limit: limit(n),
            };
            let page = s.messages.strand_page(conv, q).await.unwrap();
            let got: Vec<u64> = page.iter().map(|m| m.seq.get()).collect();
            assert_eq!(got, expected(&all, q), "{q:?}");
            assert!(page.iter().all(|m| strand.holds(m)));
        }
    }
    let none = StrandQuery {
        strand: Strand::Replies(seq(4)),
        after: Some(0),
        before: None,
        limit: limit(100),
    };
    assert!(s.messages.strand_page(conv, none).await.unwrap().is_empty());
    let unknown = StrandQuery {
        strand: Strand::TopLevel,
        ..none
    };
    let empty = s.messages.strand_page(ConversationId::new(), unknown).await;
    assert!(empty.unwrap().is_empty());
}

fn limit(n: u64) -> Limit {
    Limit::new(n).unwrap()
}

/// Replies counted on their root from many tasks at once all count; each count is a
/// change of the root (its version moves and the change feed has it); a recalled root
/// keeps counting; the summary survives a restart.
pub async fn it_should_count_thread_replies_on_the_root_under_concurrency(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let users: Vec<UserId> = (0..8).map(|_| UserId::new()).collect();
    s.messages
        .append(text(conv, users[0], "root", "a root"))
        .await
        .unwrap();
    let mut replies = Vec::new();
    for i in 0..40u64 {
        let mut m = text(conv, users[(i % 8) as usize], &format!("r{i}"), "a reply");
        m.thread_root = Some(seq(1));
        m.created_at = t0() + chrono::Duration::seconds(i as i64);
        replies.push(m);
    }
    let stored: Vec<Message> = s
        .messages
        .append_all(replies)
        .await
        .into_iter()
        .map(|r| r.unwrap().message)
        .collect();
    let messages = Arc::clone(&s.messages);
    let mut tasks = Vec::new();
    for m in stored.clone() {
        let messages = Arc::clone(&messages);
        tasks.push(tokio::spawn(async move {
            let change = MessageChange::ThreadReply {
                seq: m.seq,
                user: m.sender_id,
                at: m.created_at,
            };
            messages.change(conv, seq(1), &change).await
        }));
    }
    let mut versions = Vec::new();
    for t in tasks {
        let changed = t.await.unwrap().unwrap();
        assert!(changed.changed);
        versions.push(changed.message.version);
    }
    versions.sort_unstable();
    assert_eq!(
        versions,
        (1..=40).collect::<Vec<u64>>(),
        "one version per count"
    );
    let root = s.messages.get(conv, seq(1)).await.unwrap().unwrap();
    let thread = root.thread.clone().expect("a summary");
    assert_eq!(thread.replies, 40);
    assert_eq!(thread.last_seq, seq(41));
    assert_eq!(thread.last_reply_at, t0() + chrono::Duration::seconds(39));
    assert_eq!(thread.participants.len(), 5);
    assert_eq!(thread.participants[0], users[7], "the newest replier first");
    let mut distinct = thread.participants.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 5);
    assert_eq!(root.version, 40);

    let recalled = s
        .messages
        .change(conv, seq(1), &MessageChange::Recall)
        .await
        .unwrap();
    assert_eq!(
        recalled.message.thread,
        Some(thread.clone()),
        "kept by a recall"
    );
    let late = MessageChange::ThreadReply {
        seq: seq(41),
        user: users[1],
        at: t0() + chrono::Duration::seconds(60),
    };
    let counted = s.messages.change(conv, seq(1), &late).await.unwrap();
    assert_eq!(counted.message.thread.as_ref().map(|t| t.replies), Some(41));
    assert!(counted.message.deleted);
    let on_a_reply = s.messages.change(conv, seq(2), &late).await;
    assert!(on_a_reply.is_err(), "a reply has no thread of its own");

    let s = h.reopen().await;
    let root = s.messages.get(conv, seq(1)).await.unwrap().unwrap();
    assert_eq!(root.thread, counted.message.thread);
    let feed = s.messages.changes(conv, 40, limit(10)).await.unwrap();
    assert_eq!(feed.len(), 1, "the feed holds the root once, as it is now");
    assert_eq!(feed[0].seq, seq(1));
    assert_eq!(feed[0].thread, root.thread);
    let in_history = s
        .messages
        .page(conv, PageQuery::latest(limit(100)))
        .await
        .unwrap();
    assert_eq!(in_history[0].thread, root.thread);
    assert!(in_history[1..]
        .iter()
        .all(|m| m.thread_root == Some(seq(1))));
}
