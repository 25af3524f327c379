//! Checks for changes to stored messages, mentions, delivery cursors and search.

use chat_domain::entities::{MessageChange, MessageKind, ParticipantRole};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Emoji, Limit, MessageBody, SearchQuery, Seq};
use chat_domain::RepoError;

use crate::fixtures::{group, member, t0, text};
use crate::StorageHarness;

fn seq(n: u64) -> Seq {
    Seq::new(n).unwrap()
}

fn edit(body: &str) -> MessageChange {
    MessageChange::Edit {
        body: MessageBody::parse(MessageKind::Text, body).unwrap(),
        at: t0() + chrono::Duration::seconds(30),
    }
}

fn react(user: UserId, emoji: &str, on: bool) -> MessageChange {
    MessageChange::React {
        user,
        emoji: Emoji::parse(emoji).unwrap(),
        on,
    }
}

fn limit(n: u64) -> Limit {
    Limit::new(n).unwrap()
}

/// Edits keep the seq and gain edited_at; recalls leave a tombstone; every change takes
/// the next version; all of it survives a restart and shows in every read.
pub async fn it_should_edit_and_recall_keeping_seqs_and_versions(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let alice = UserId::new();
    for i in 1..=3 {
        s.messages
            .append(text(conv, alice, &format!("c{i}"), &format!("draft {i}")))
            .await
            .unwrap();
    }
    let edited = s
        .messages
        .change(conv, seq(2), &edit("fixed 2 ✅"))
        .await
        .unwrap();
    assert!(edited.changed);
    assert_eq!(edited.message.body.as_str(), "fixed 2 ✅");
    assert_eq!(
        edited.message.edited_at,
        Some(t0() + chrono::Duration::seconds(30))
    );
    assert_eq!(edited.message.version, 1);
    let recalled = s
        .messages
        .change(conv, seq(3), &MessageChange::Recall)
        .await
        .unwrap();
    assert!(recalled.message.deleted && recalled.message.body.as_str().is_empty());
    assert_eq!(recalled.message.version, 2);

    let s = h.reopen().await;
    let page = s
        .messages
        .page(conv, chat_domain::values::PageQuery::latest(limit(10)))
        .await
        .unwrap();
    let seqs: Vec<u64> = page.iter().map(|m| m.seq.get()).collect();
    assert_eq!(seqs, [1, 2, 3], "seqs stay gap-free");
    assert_eq!(page[1].body.as_str(), "fixed 2 ✅");
    assert!(page[2].deleted);
    let got = s.messages.get(conv, seq(2)).await.unwrap().unwrap();
    assert_eq!(got.version, 1);
    let latest = s.messages.latest(&[conv]).await.unwrap();
    assert!(latest[0].deleted, "the newest message is read as it is now");

    // A recalled message takes no more changes; an unknown seq is not found.
    assert!(matches!(
        s.messages.change(conv, seq(3), &edit("again")).await,
        Err(RepoError::Conflict(_))
    ));
    assert!(matches!(
        s.messages.change(conv, seq(9), &edit("nope")).await,
        Err(RepoError::NotFound(_))
    ));
    // Versions continue after a restart.
    let again = s.messages.change(conv, seq(1), &edit("one")).await.unwrap();
    assert_eq!(again.message.version, 3);
}

/// Reactions aggregate per emoji; adding one twice or removing one that is not there
/// changes nothing and uses no version; the change feed lists each message once, at its
/// latest version.
pub async fn it_should_aggregate_reactions_and_feed_changes_in_version_order(
    h: &impl StorageHarness,
) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let (a, b) = (UserId::new(), UserId::new());
    for i in 1..=2 {
        s.messages
            .append(text(conv, a, &format!("c{i}"), &format!("m{i}")))
            .await
            .unwrap();
    }
    assert!(
        s.messages
            .change(conv, seq(1), &react(a, "👍", true))
            .await
            .unwrap()
            .changed
    );
    assert!(
        s.messages
            .change(conv, seq(1), &react(b, "👍", true))
            .await
            .unwrap()
            .changed
    );
    let same = s
        .messages
        .change(conv, seq(1), &react(b, "👍", true))
        .await
        .unwrap();
    assert!(!same.changed);
    assert_eq!(same.message.version, 2);
    s.messages
        .change(conv, seq(1), &react(b, "❤️", true))
        .await
        .unwrap();
    s.messages
        .change(conv, seq(2), &react(a, "😂", true))
        .await
        .unwrap();
    let off = s
        .messages
        .change(conv, seq(1), &react(a, "👍", false))
        .await
        .unwrap();
    assert!(off.changed);
    let nothing = s
        .messages
        .change(conv, seq(1), &react(a, "👍", false))
        .await
        .unwrap();
    assert!(!nothing.changed);

    let s = h.reopen().await;
    let m1 = s.messages.get(conv, seq(1)).await.unwrap().unwrap();
    let summary: Vec<(&str, Vec<UserId>)> = m1
        .reactions
        .iter()
        .map(|r| (r.emoji.as_str(), r.users.clone()))
        .collect();
    assert_eq!(summary, [("👍", vec![b]), ("❤️", vec![b])]);
    assert_eq!(m1.version, 5);

    let all = s.messages.changes(conv, 0, limit(10)).await.unwrap();
    let order: Vec<(u64, u64)> = all.iter().map(|m| (m.seq.get(), m.version)).collect();
    assert_eq!(
        order,
        [(2, 4), (1, 5)],
        "each message once, by its latest version"
    );
    let after = s.messages.changes(conv, 4, limit(10)).await.unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(
        s.messages.changes(conv, 0, limit(1)).await.unwrap().len(),
        1
    );
    assert!(s
        .messages
        .changes(ConversationId::new(), 0, limit(10))
        .await
        .unwrap()
        .is_empty());
}

/// Mentions are stored with the message and counted after a read cursor.
pub async fn it_should_store_mentions_and_count_unread_ones(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
    for i in 1..=150u64 {
        let mut m = text(conv, a, &format!("c{i}"), &format!("m{i}"));
        if i % 50 == 0 || i == 3 {
            m.mentions = vec![b];
        }
        if i == 3 {
            m.mentions.push(c);
        }
        s.messages.append(m).await.unwrap();
    }
    let s = h.reopen().await;
    let mut m3 = s
        .messages
        .get(conv, seq(3))
        .await
        .unwrap()
        .unwrap()
        .mentions;
    let mut want = vec![b, c];
    m3.sort_unstable();
    want.sort_unstable();
    assert_eq!(m3, want, "mentions come back, in any order");
    assert_eq!(s.messages.count_mentions(conv, b, 0).await.unwrap(), 4);
    assert_eq!(s.messages.count_mentions(conv, b, 3).await.unwrap(), 3);
    assert_eq!(s.messages.count_mentions(conv, b, 100).await.unwrap(), 1);
    assert_eq!(s.messages.count_mentions(conv, c, 3).await.unwrap(), 0);
    assert_eq!(s.messages.count_mentions(conv, a, 0).await.unwrap(), 0);
    // A recalled message mentions nobody any more.
    s.messages
        .change(conv, seq(150), &MessageChange::Recall)
        .await
        .unwrap();
    assert_eq!(s.messages.count_mentions(conv, b, 100).await.unwrap(), 0);
}

/// Delivery cursors only move forward and say where they were.
pub async fn it_should_keep_delivery_cursors_monotonic(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b) = (UserId::new(), UserId::new());
    let g = group(a, "g");
    let members = [
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, b, ParticipantRole::Member, 1),
    ];
    s.conversations.create_group(&g, &members).await.unwrap();
    assert_eq!(
        s.conversations.advance_delivered(g.id, b, 5).await.unwrap(),
        Some(0)
    );
    assert_eq!(
        s.conversations.advance_delivered(g.id, b, 3).await.unwrap(),
        None
    );
    assert_eq!(
        s.conversations.advance_delivered(g.id, b, 5).await.unwrap(),
        None
    );
    assert_eq!(
        s.conversations.advance_delivered(g.id, b, 7).await.unwrap(),
        Some(5)
    );
    assert!(matches!(
        s.conversations
            .advance_delivered(g.id, UserId::new(), 1)
            .await,
        Err(RepoError::NotFound(_))
    ));
    let s = h.reopen().await;
    let p = s.conversations.participant(g.id, b).await.unwrap().unwrap();
    assert_eq!(p.delivered_seq, 7);
    let mine = s.conversations.memberships(b).await.unwrap();
    assert_eq!(mine[0].participant.delivered_seq, 7);
    assert_eq!(
        s.conversations.participants(g.id).await.unwrap()[0].delivered_seq,
        0
    );
}

/// Search finds Chinese and English text newest first, only in the conversations named,
/// pages with its cursor, and leaves out recalled messages and edited-away words.
pub async fn it_should_search_chinese_and_english_newest_first(h: &impl StorageHarness) {
    let s = h.open().await;
    let (mine, other) = (ConversationId::new(), ConversationId::new());
    let a = UserId::new();
    let bodies = [
        (mine, "明天下午三点开会"),
        (mine, "Meeting moved to Friday"),
        (other, "开会 secret in the other room"),
        (mine, "会议室在三楼，开会别迟到"),
        (mine, "nothing to see"),
        (mine, "我们开会吧 MEETING now"),
        (mine, "开 会 spaced apart"),
    ];
    for (i, (conv, body)) in bodies.iter().enumerate() {
        let mut m = text(*conv, a, &format!("c{i}"), body);
        m.created_at = t0() + chrono::Duration::seconds(i as i64);
        s.messages.append(m).await.unwrap();
    }
    let s = h.reopen().await;
    let find = |q: &str| SearchQuery::parse(q).unwrap();
    let bodies_of = |page: &chat_domain::values::SearchPage| -> Vec<String> {
        page.messages
            .iter()
            .map(|m| m.body.as_str().to_owned())
            .collect()
    };

    let hits = s
        .messages
        .search(&[mine], &find("开会"), None, 10)
        .await
        .unwrap();
    assert_eq!(
        bodies_of(&hits),
        [
            "我们开会吧 MEETING now",
            "会议室在三楼，开会别迟到",
            "明天下午三点开会"
        ]
    );
    assert!(hits.next.is_none());
    let hits = s
        .messages
        .search(&[mine], &find("meeting"), None, 10)
        .await
        .unwrap();
    assert_eq!(
        bodies_of(&hits),
        ["我们开会吧 MEETING now", "Meeting moved to Friday"]
    );
    let hits = s
        .messages
        .search(&[mine], &find("三点"), None, 10)
        .await
        .unwrap();
    assert_eq!(bodies_of(&hits), ["明天下午三点开会"]);
    let hits = s
        .messages
        .search(&[mine], &find("会"), None, 10)
        .await
        .unwrap();
    assert_eq!(
        hits.messages.len(),
        4,
        "one character finds every message holding it"
    );
    assert!(s
        .messages
        .search(&[mine], &find("secret"), None, 10)
        .await
        .unwrap()
        .messages
        .is_empty());
    let both = s
        .messages
        .search(&[mine, other], &find("开会"), None, 10)
        .await
        .unwrap();
    assert_eq!(both.messages.len(), 4);

    // Paging: two then the rest, none twice.
    let first = s
        .messages
        .search(&[mine], &find("开会"), None, 2)
        .await
        .unwrap();
    assert_eq!(first.messages.len(), 2);
    let rest = s
        .messages
        .search(&[mine], &find("开会"), first.next, 2)
        .await
        .unwrap();
    assert_eq!(bodies_of(&rest), ["明天下午三点开会"]);

    // Edits and recalls change what is found.
    s.messages
        .change(mine, seq(1), &edit("明天改期"))
        .await
        .unwrap();
    s.messages
        .change(mine, seq(5), &MessageChange::Recall)
        .await
        .unwrap();
    let hits = s
        .messages
        .search(&[mine], &find("开会"), None, 10)
        .await
        .unwrap();
    assert_eq!(bodies_of(&hits), ["会议室在三楼，开会别迟到"]);
    let hits = s
        .messages
        .search(&[mine], &find("改期"), None, 10)
        .await
        .unwrap();
    assert_eq!(hits.messages.len(), 1);
}
