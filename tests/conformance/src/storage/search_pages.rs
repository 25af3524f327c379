//! Paging through search results that span conversations: the cursor's order is
//! (created_at, conversation, seq), newest first, and ties in time are common (a batch
//! of messages, a migration, a clock's resolution).

use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::SearchQuery;

use crate::fixtures::{t0, text};
use crate::StorageHarness;

/// Three conversations, 30 hits among other messages, many at the same instant: pages
/// of 4 walk every hit once, newest first, without a gap.
pub async fn it_should_page_search_results_across_conversations(h: &impl StorageHarness) {
    let s = h.open().await;
    let mut convs = [
        ConversationId::new(),
        ConversationId::new(),
        ConversationId::new(),
    ];
    convs.sort();
    let a = UserId::new();
    let mut expected = Vec::new();
    for i in 0..45 {
        let conv = convs[i % 3];
        let hit = i % 3 != 1 || i % 2 == 0;
        let body = if hit {
            format!("deploy 上线 step {i}")
        } else {
            format!("lunch {i}")
        };
        let mut m = text(conv, a, &format!("c{i}"), &body);
        // Five instants, nine messages each, spread over the three conversations.
        m.created_at = t0() + chrono::Duration::seconds((i / 9) as i64);
        let stored = s.messages.append(m).await.unwrap().message;
        if hit {
            expected.push(stored);
        }
    }
    expected.sort_by_key(|m| std::cmp::Reverse(chat_domain::values::SearchCursor::key(m)));
    let s = h.reopen().await;
    for query in ["deploy", "上线"] {
        let q = SearchQuery::parse(query).unwrap();
        let mut seen = Vec::new();
        let mut before = None;
        for _ in 0..20 {
            let page = s.messages.search(&convs, &q, before, 4).await.unwrap();
            assert!(page.messages.len() <= 4);
            seen.extend(page.messages.iter().map(|m| (m.conversation_id, m.seq)));
            match page.next {
                Some(next) => before = Some(next),
                None => break,
            }
        }
        let want: Vec<_> = expected
            .iter()
            .map(|m| (m.conversation_id, m.seq))
            .collect();
        assert_eq!(seen, want, "{query}: every hit once, newest first");
    }
}
