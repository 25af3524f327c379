//! Checks for members' standings in threads (following, read cursors) and the message
//! reads the followed-thread list makes: many roots at once, unread replies counted.

use std::collections::HashSet;
use std::sync::Arc;

use chat_domain::entities::{FollowState, FollowUpdate, MessageChange, NewMessage, ThreadFollow};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Limit, Seq, Strand, StrandQuery};

use crate::fixtures::text;
use crate::StorageHarness;

fn seq(n: u64) -> Seq {
    Seq::new(n).unwrap()
}

fn standing(f: Option<ThreadFollow>) -> Option<(FollowState, u64)> {
    f.map(|f| (f.state, f.read_seq))
}

/// Each update does what `FollowUpdate::apply` says to the member's standing in one
/// thread and no other; a user's standings come back in any state, a thread's
/// followers are only those following; all of it survives a restart.
pub async fn it_should_keep_each_members_standing_in_each_thread(h: &impl StorageHarness) {
    let s = h.open().await;
    let f = &s.follows;
    let (conv, other) = (ConversationId::new(), ConversationId::new());
    let (alice, bob, carol) = (UserId::new(), UserId::new(), UserId::new());
    let (one, two) = (seq(1), seq(2));
    assert_eq!(f.get(conv, one, alice).await.unwrap(), None);
    assert!(f.of_user(alice).await.unwrap().is_empty());
    assert!(f.followers(conv, one).await.unwrap().is_empty());

    f.update(conv, one, alice, FollowUpdate::Replied(seq(5)))
        .await
        .unwrap();
    f.update(conv, one, alice, FollowUpdate::Read(seq(3)))
        .await
        .unwrap();
    f.update(conv, one, bob, FollowUpdate::Read(seq(4)))
        .await
        .unwrap();
    f.update(conv, one, bob, FollowUpdate::Started)
        .await
        .unwrap();
    f.update(conv, one, carol, FollowUpdate::Unfollow)
        .await
        .unwrap();
    f.update(conv, one, carol, FollowUpdate::Started)
        .await
        .unwrap();
    f.update(conv, two, alice, FollowUpdate::Follow)
        .await
        .unwrap();
    f.update(conv, two, alice, FollowUpdate::Unfollow)
        .await
        .unwrap();
    f.update(other, one, alice, FollowUpdate::Read(seq(9)))
        .await
        .unwrap();

    let check = |s: chat_domain::ports::Storage| async move {
        let f = &s.follows;
        let get = |c, r, u| {
            let f = Arc::clone(f);
            async move { standing(f.get(c, r, u).await.unwrap()) }
        };
        assert_eq!(
            get(conv, one, alice).await,
            Some((FollowState::Following, 5))
        );
        assert_eq!(get(conv, one, bob).await, Some((FollowState::Following, 4)));
        assert_eq!(
            get(conv, one, carol).await,
            Some((FollowState::Unfollowed, 0))
        );
        assert_eq!(
            get(conv, two, alice).await,
            Some((FollowState::Unfollowed, 0))
        );
        assert_eq!(
            get(other, one, alice).await,
            Some((FollowState::Undecided, 9))
        );
        assert_eq!(get(other, two, alice).await, None);
        let followers: HashSet<_> = f.followers(conv, one).await.unwrap().into_iter().collect();
        assert_eq!(followers, HashSet::from([alice, bob]));
        assert!(f.followers(conv, two).await.unwrap().is_empty());
        assert!(f.followers(other, one).await.unwrap().is_empty());
        let mut mine: Vec<_> = f
            .of_user(alice)
            .await
            .unwrap()
            .into_iter()
            .map(|t| {
                (
                    t.conversation_id == conv,
                    t.root,
                    t.user_id,
                    t.state,
                    t.read_seq,
                )
            })
            .collect();
        mine.sort_by_key(|t| (!t.0, t.1));
        assert_eq!(
            mine,
            vec![
                (true, one, alice, FollowState::Following, 5),
                (true, two, alice, FollowState::Unfollowed, 0),
                (false, one, alice, FollowState::Undecided, 9),
            ]
        );
    };
    check(s).await;
    check(h.reopen().await).await;
}

/// Racing updates of one standing are each applied to the others' result: the read
/// cursor ends at the largest seq read, and a follow racing reads is kept.
pub async fn it_should_apply_racing_thread_updates_to_each_others_result(h: &impl StorageHarness) {
    let s = h.open().await;
    let (conv, alice) = (ConversationId::new(), UserId::new());
    let root = seq(1);
    let mut tasks = Vec::new();
    for n in (2..=41u64).rev() {
        let f = Arc::clone(&s.follows);
        tasks.push(tokio::spawn(async move {
            f.update(conv, root, alice, FollowUpdate::Read(seq(n)))
                .await
        }));
        if n == 20 {
            let f = Arc::clone(&s.follows);
            tasks.push(tokio::spawn(async move {
                f.update(conv, root, alice, FollowUpdate::Follow).await
            }));
        }
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let now = s.follows.get(conv, root, alice).await.unwrap();
    assert_eq!(standing(now), Some((FollowState::Following, 41)));
    let again = h
        .reopen()
        .await
        .follows
        .get(conv, root, alice)
        .await
        .unwrap();
    assert_eq!(standing(again), Some((FollowState::Following, 41)));
}

/// Roots are read many at once, in seq order, a seq with no message left out; a
/// thread's unread replies are those above a cursor and not recalled, counted across
/// more replies than one page holds.
pub async fn it_should_read_many_roots_and_count_unread_replies(h: &impl StorageHarness) {
    let s = h.open().await;
    let (conv, alice) = (ConversationId::new(), UserId::new());
    // 1 and 2 are roots; 3..=252 alternate between their threads.
    let drafts: Vec<NewMessage> = (1..=252u64)
        .map(|i| {
            let mut m = text(conv, alice, &format!("c{i}"), &format!("m {i}"));
            m.thread_root = (i > 2).then(|| seq(2 - i % 2));
            m
        })
        .collect();
    for r in s.messages.append_all(drafts).await {
        r.unwrap();
    }
    for recalled in [4, 6, 250] {
        s.messages
            .change(conv, seq(recalled), &MessageChange::Recall)
            .await
            .unwrap();
    }
    let got = s
        .messages
        .get_many(conv, &[seq(2), seq(400), seq(1), seq(2), seq(7)])
        .await
        .unwrap();
    let seqs: Vec<u64> = got.iter().map(|m| m.seq.get()).collect();
    assert_eq!(seqs, vec![1, 2, 7]);
    assert_eq!(got[2].thread_root, Some(seq(1)), "7 is odd: a reply to 1");
    assert!(s
        .messages
        .get_many(ConversationId::new(), &[seq(1)])
        .await
        .unwrap()
        .is_empty());

    let count = |root, after| {
        let m = Arc::clone(&s.messages);
        async move { m.count_replies_after(conv, seq(root), after).await.unwrap() }
    };
    // Root 1 has the odd seqs 3..=251 (125); root 2 the even 4..=252 (125), 3 recalled.
    assert_eq!(count(1, 0).await, 125);
    assert_eq!(count(2, 0).await, 122);
    assert_eq!(count(2, 2).await, 122);
    assert_eq!(count(2, 6).await, 122, "after 6: 8..=252 but 250");
    assert_eq!(count(1, 249).await, 1);
    assert_eq!(count(1, 251).await, 0);
    assert_eq!(count(3, 0).await, 0, "a reply has no replies");
    let none = s
        .messages
        .count_replies_after(ConversationId::new(), seq(1), 0);
    assert_eq!(none.await.unwrap(), 0);

    // A reply written after the thread was read counts, and pages, at once.
    let mut late = text(conv, alice, "c253", "m 253");
    late.thread_root = Some(seq(1));
    s.messages.append(late).await.unwrap();
    assert_eq!(count(1, 251).await, 1);
    let tail = StrandQuery {
        strand: Strand::Replies(seq(1)),
        after: Some(249),
        before: None,
        limit: Limit::new(10).unwrap(),
    };
    let page = s.messages.strand_page(conv, tail).await.unwrap();
    let seqs: Vec<u64> = page.iter().map(|m| m.seq.get()).collect();
    assert_eq!(seqs, vec![251, 253]);
}
