use std::sync::Arc;

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Limit, PageQuery};

use crate::fixtures::text;
use crate::StorageHarness;

/// One `append_all` over two conversations: each takes seqs in list order; a retry of a
/// message stored before, or earlier in the same list, answers with that message and
/// writes nothing; all of it is there after a reopen.
pub async fn it_should_append_a_batch_in_order_with_retries_answered(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b, sender) = (ConversationId::new(), ConversationId::new(), UserId::new());
    let before = s
        .messages
        .append(text(a, sender, "a-0", "stored before"))
        .await
        .unwrap();
    let batch = vec![
        text(a, sender, "a-1", "a one"),
        text(b, sender, "b-1", "b one"),
        text(a, sender, "a-0", "retry of the one stored before"),
        text(a, sender, "a-2", "a two"),
        text(a, sender, "a-1", "retry of a one, in the same list"),
        text(b, sender, "b-2", "b two"),
    ];
    let answers = s.messages.append_all(batch).await;
    let got: Vec<_> = answers
        .into_iter()
        .map(|r| {
            let r = r.unwrap();
            (
                r.message.conversation_id == a,
                r.message.seq.get(),
                r.created,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (true, 2, true),
            (false, 1, true),
            (true, 1, false),
            (true, 3, true),
            (true, 2, false),
            (false, 2, true),
        ]
    );
    assert_eq!(before.message.seq.get(), 1);
    assert_eq!(s.messages.append_all(Vec::new()).await.len(), 0);

    let s = h.reopen().await;
    let bodies = |page: Vec<chat_domain::entities::Message>| {
        page.iter()
            .map(|m| m.body.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    let all = PageQuery::latest(Limit::new(10).unwrap());
    assert_eq!(
        bodies(s.messages.page(a, all).await.unwrap()),
        ["stored before", "a one", "a two"]
    );
    assert_eq!(
        bodies(s.messages.page(b, all).await.unwrap()),
        ["b one", "b two"]
    );
    assert_eq!(s.messages.count().await.unwrap(), 5);
}

/// Batches from 4 tasks at once into one conversation interleave without a gap or a
/// duplicate, and each batch's seqs increase in list order.
pub async fn it_should_keep_seqs_gap_free_when_batches_race(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let tasks: Vec<_> = (0..4)
        .map(|t| {
            let repo = Arc::clone(&s.messages);
            tokio::spawn(async move {
                let sender = UserId::new();
                let mut got = Vec::new();
                for b in 0..10 {
                    let batch = (0..8)
                        .map(|i| text(conv, sender, &format!("t{t}-{b}-{i}"), "batched"))
                        .collect();
                    let seqs: Vec<u64> = repo
                        .append_all(batch)
                        .await
                        .into_iter()
                        .map(|r| r.unwrap().message.seq.get())
                        .collect();
                    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
                    got.extend(seqs);
                }
                got
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort_unstable();
    assert_eq!(all, (1..=320).collect::<Vec<u64>>());
    let s = h.reopen().await;
    assert_eq!(s.messages.last_seq(conv).await.unwrap(), 320);
}
