use std::collections::HashSet;
use std::sync::Arc;

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{ClientMsgId, Limit, PageQuery, Seq};

use crate::fixtures::text;
use crate::StorageHarness;

fn seq(n: u64) -> Seq {
    Seq::new(n).unwrap()
}

/// Asserts `got` is exactly 1..=n, naming the first gap or duplicate if not.
fn assert_gap_free(got: &[u64], n: u64, what: &str) {
    for (i, &s) in got.iter().enumerate() {
        assert_eq!(
            s,
            i as u64 + 1,
            "{what}: position {i} holds seq {s} (gap or duplicate)"
        );
    }
    assert_eq!(got.len() as u64, n, "{what}: count");
}

fn seqs(page: &[chat_domain::entities::Message]) -> Vec<u64> {
    page.iter().map(|m| m.seq.get()).collect()
}

async fn fill(h: &impl StorageHarness, conv: ConversationId, n: u64) -> UserId {
    let s = h.open().await;
    let sender = UserId::new();
    for i in 1..=n {
        let m = s
            .messages
            .append(text(conv, sender, &format!("m{i}"), &format!("body {i}")))
            .await
            .unwrap();
        assert_eq!(m.message.seq.get(), i);
    }
    sender
}

/// 8 tasks × 200 appends to one conversation yield seqs 1..=1600, no gap, no duplicate,
/// and each task sees its own messages in increasing seq order.
pub async fn it_should_assign_gap_free_seqs_under_concurrent_appends(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let tasks: Vec<_> = (0..8)
        .map(|t| {
            let repo = Arc::clone(&s.messages);
            tokio::spawn(async move {
                let sender = UserId::new();
                let mut got = Vec::with_capacity(200);
                for i in 0..200 {
                    let draft = text(
                        conv,
                        sender,
                        &format!("t{t}-{i}"),
                        &format!("task {t} msg {i}"),
                    );
                    let a = repo.append(draft).await.unwrap();
                    assert!(a.created);
                    got.push(a.message.seq.get());
                }
                got
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        let got = t.await.unwrap();
        assert!(
            got.windows(2).all(|w| w[0] < w[1]),
            "a sender's seqs increase"
        );
        all.extend(got);
    }
    all.sort_unstable();
    assert_gap_free(&all, 1600, "acked seqs");

    let s = h.reopen().await;
    assert_eq!(s.messages.last_seq(conv).await.unwrap(), 1600);
    let mut stored = Vec::new();
    let mut before = None;
    loop {
        let q = PageQuery {
            before,
            ..PageQuery::latest(Limit::new(100).unwrap())
        };
        let page = s.messages.page(conv, q).await.unwrap();
        let Some(first) = page.first() else { break };
        before = Some(first.seq);
        let mut older = seqs(&page);
        older.extend(stored);
        stored = older;
    }
    assert_gap_free(&stored, 1600, "stored seqs");
    assert_eq!(s.messages.count().await.unwrap(), 1600);
}

/// Each conversation counts from 1 on its own.
pub async fn it_should_keep_seqs_independent_per_conversation(h: &impl StorageHarness) {
    let (a, b) = (ConversationId::new(), ConversationId::new());
    fill(h, a, 3).await;
    fill(h, b, 2).await;
    let s = h.reopen().await;
    assert_eq!(s.messages.last_seq(a).await.unwrap(), 3);
    assert_eq!(s.messages.last_seq(b).await.unwrap(), 2);
    assert_eq!(s.messages.last_seq(ConversationId::new()).await.unwrap(), 0);
}

/// A retry with the same (conversation, sender, client_msg_id) returns the stored message
/// and writes nothing; the same client id from another sender or conversation is new.
pub async fn it_should_return_the_original_message_on_an_idempotent_retry(h: &impl StorageHarness) {
    let s = h.open().await;
    let (conv, sender) = (ConversationId::new(), UserId::new());
    let first = s
        .messages
        .append(text(conv, sender, "c-1", "hello"))
        .await
        .unwrap();
    assert!(first.created);

    let s = h.reopen().await;
    let retry = s
        .messages
        .append(text(conv, sender, "c-1", "hello again"))
        .await
        .unwrap();
    assert!(!retry.created);
    assert_eq!(
        retry.message, first.message,
        "the original, body and id included"
    );
    let found = s
        .messages
        .find_by_client_id(conv, sender, &ClientMsgId::parse("c-1").unwrap())
        .await;
    assert_eq!(found.unwrap(), Some(first.message.clone()));

    let other_sender = s
        .messages
        .append(text(conv, UserId::new(), "c-1", "x"))
        .await
        .unwrap();
    assert!(other_sender.created);
    assert_eq!(other_sender.message.seq.get(), 2);
    let other_conv = s
        .messages
        .append(text(ConversationId::new(), sender, "c-1", "y"))
        .await
        .unwrap();
    assert!(other_conv.created);
    assert_eq!(s.messages.last_seq(conv).await.unwrap(), 2);
}

/// 16 identical sends racing each other store one message, and all get it back.
pub async fn it_should_store_one_message_when_identical_retries_race(h: &impl StorageHarness) {
    let s = h.open().await;
    let (conv, sender) = (ConversationId::new(), UserId::new());
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let repo = Arc::clone(&s.messages);
            tokio::spawn(async move {
                repo.append(text(conv, sender, "same", "once"))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut ids = HashSet::new();
    let mut created = 0;
    for t in tasks {
        let a = t.await.unwrap();
        ids.insert((a.message.id, a.message.seq));
        created += usize::from(a.created);
    }
    assert_eq!(ids.len(), 1);
    assert_eq!(created, 1);
    assert_eq!(h.reopen().await.messages.last_seq(conv).await.unwrap(), 1);
}

/// Every page of a conversation without messages is empty.
pub async fn it_should_page_an_empty_conversation(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    for q in [
        PageQuery::latest(Limit::DEFAULT),
        PageQuery::before(seq(1), Limit::DEFAULT),
        PageQuery::before(seq(10), Limit::DEFAULT),
        PageQuery::after(seq(1), Limit::DEFAULT),
    ] {
        assert_eq!(s.messages.page(conv, q).await.unwrap(), vec![], "{q:?}");
    }
    assert_eq!(s.messages.get(conv, seq(1)).await.unwrap(), None);
    assert_eq!(s.messages.latest(&[conv]).await.unwrap(), vec![]);
}

/// Pages at seq 1, at the last seq, across the limit cap, and between two cursors.
pub async fn it_should_page_history_at_the_edges(h: &impl StorageHarness) {
    let conv = ConversationId::new();
    fill(h, conv, 150).await;
    let s = h.reopen().await;
    let page = |q| {
        let s = s.clone();
        async move { seqs(&s.messages.page(conv, q).await.unwrap()) }
    };
    let lim = |n| Limit::new(n).unwrap();

    assert_eq!(page(PageQuery::latest(lim(3))).await, [148, 149, 150]);
    assert_eq!(
        page(PageQuery::latest(lim(1000))).await,
        (51..=150).collect::<Vec<_>>()
    );
    assert_eq!(
        page(PageQuery::before(seq(1), lim(10))).await,
        Vec::<u64>::new()
    );
    assert_eq!(page(PageQuery::before(seq(2), lim(10))).await, [1]);
    assert_eq!(page(PageQuery::before(seq(4), lim(10))).await, [1, 2, 3]);
    assert_eq!(page(PageQuery::before(seq(500), lim(2))).await, [149, 150]);
    assert_eq!(
        page(PageQuery::after(seq(150), lim(10))).await,
        Vec::<u64>::new()
    );
    assert_eq!(page(PageQuery::after(seq(149), lim(10))).await, [150]);
    assert_eq!(page(PageQuery::after(seq(1), lim(3))).await, [2, 3, 4]);
    assert_eq!(
        page(PageQuery::after(seq(1), lim(1000))).await,
        (2..=101).collect::<Vec<_>>()
    );
    let between = PageQuery {
        before: Some(seq(10)),
        after: Some(seq(5)),
        limit: lim(50),
    };
    assert_eq!(page(between).await, [6, 7, 8, 9]);

    let m = s.messages.get(conv, seq(150)).await.unwrap().unwrap();
    assert_eq!(m.body.as_str(), "body 150");
    assert_eq!(s.messages.get(conv, seq(151)).await.unwrap(), None);
}

/// Bodies in any script, emoji with joiners and skin tones, quotes, backslashes, and
/// newlines read back byte for byte.
pub async fn it_should_keep_unicode_and_emoji_bodies_intact(h: &impl StorageHarness) {
    let s = h.open().await;
    let (conv, sender) = (ConversationId::new(), UserId::new());
    let bodies = [
        "你好，世界！今天一起吃饭吗？",
        "👨‍👩‍👧‍👦 family, 👍🏽 thumbs, 🇨🇳 flag",
        "line one\nline two\r\n\ttabbed",
        r#"quotes " ' \ backslash \n not a newline {"json": true}"#,
        "مرحبا بالعالم — עברית — Ελληνικά — русский",
        "𝕏 astral plane 𠀋 and a zero-width\u{200B}space",
    ];
    for (i, body) in bodies.iter().enumerate() {
        s.messages
            .append(text(conv, sender, &format!("u{i}"), body))
            .await
            .unwrap();
    }
    let s = h.reopen().await;
    let page = s
        .messages
        .page(conv, PageQuery::latest(Limit::DEFAULT))
        .await
        .unwrap();
    let got: Vec<_> = page.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(got, bodies);
}

/// `latest` gives each conversation's newest message; `count` counts every message.
pub async fn it_should_report_latest_messages_and_counts(h: &impl StorageHarness) {
    let (a, b, empty) = (
        ConversationId::new(),
        ConversationId::new(),
        ConversationId::new(),
    );
    fill(h, a, 4).await;
    fill(h, b, 2).await;
    let s = h.reopen().await;
    let mut latest = s.messages.latest(&[a, b, empty]).await.unwrap();
    latest.sort_by_key(|m| m.conversation_id != a);
    assert_eq!(latest.len(), 2);
    assert_eq!((latest[0].conversation_id, latest[0].seq.get()), (a, 4));
    assert_eq!((latest[1].conversation_id, latest[1].seq.get()), (b, 2));
    assert_eq!(s.messages.count().await.unwrap(), 6);
}
