//! Checks for the change stamps behind the sync call: what stamps a membership, a
//! departure and a message log, what does not, and that a sync point settles past a
//! change.

use std::time::Duration;

use chat_domain::entities::{MessageChange, ParticipantRole};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{Membership, Storage};
use chat_domain::values::{Emoji, Seq};

use crate::fixtures::{group, member, text};
use crate::StorageHarness;

async fn membership(s: &Storage, user: UserId, id: ConversationId) -> Membership {
    let all = s.conversations.memberships(user).await.unwrap();
    all.into_iter()
        .find(|m| m.conversation.id == id)
        .expect("a membership")
}

async fn left(s: &Storage, user: UserId, since: u64) -> Vec<ConversationId> {
    let left = s.conversations.left_since(user, since).await.unwrap();
    assert!(left.iter().all(|&(_, stamp)| stamp > since));
    left.into_iter().map(|(id, _)| id).collect()
}

async fn settled(s: &Storage) -> u64 {
    s.conversations.sync_point().await.unwrap().settled
}

/// Creating a group stamps it and each member above the point taken before; a read
/// cursor that moves, a mute that changes, a new member, a new role and a departure
/// stamp what the contract says, each above the point taken just before it; delivery
/// cursors, sent marks and a read cursor that does not move stamp nothing.
pub async fn it_should_stamp_each_membership_change_a_sync_reports(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
    let g = group(a, "stamps");
    let epoch = s.conversations.sync_point().await.unwrap().epoch;

    let before = settled(&s).await;
    let ms = [
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, b, ParticipantRole::Member, 1),
    ];
    s.conversations.create_group(&g, &ms).await.unwrap();
    let created = membership(&s, b, g.id).await;
    assert!(
        created.conversation_stamp > before,
        "creation stamps the conversation"
    );
    assert!(created.member_stamp > before, "creation stamps each member");

    // What changes nothing a sync reports stamps nothing.
    s.conversations.advance_delivered(g.id, b, 3).await.unwrap();
    s.conversations.mark_sent(g.id, b).await.unwrap();
    s.conversations
        .advance_read_cursor(g.id, b, 0)
        .await
        .unwrap();
    s.conversations.set_muted(g.id, b, false).await.unwrap();
    let same = membership(&s, b, g.id).await;
    assert_eq!(
        (same.conversation_stamp, same.member_stamp),
        (created.conversation_stamp, created.member_stamp)
    );

    let before = settled(&s).await;
    s.conversations
        .advance_read_cursor(g.id, b, 2)
        .await
        .unwrap();
    let read = membership(&s, b, g.id).await;
    assert!(read.member_stamp > before.max(created.member_stamp));
    assert_eq!(read.conversation_stamp, created.conversation_stamp);
    assert_eq!(read.participant.last_read_seq, 2);

    let before = settled(&s).await;
    s.conversations.set_muted(g.id, b, true).await.unwrap();
    let muted = membership(&s, b, g.id).await;
    assert!(muted.member_stamp > before.max(read.member_stamp));
    assert!(muted.participant.muted);

    let before = settled(&s).await;
    s.conversations
        .add_participant(&member(&g, c, ParticipantRole::Member, 2))
        .await
        .unwrap();
    let joined = membership(&s, c, g.id).await;
    assert!(joined.member_stamp > before);
    let others = membership(&s, b, g.id).await;
    assert!(others.conversation_stamp > before.max(muted.conversation_stamp));
    assert_eq!(
        others.member_stamp, muted.member_stamp,
        "b's own row is unchanged"
    );

    let before = settled(&s).await;
    s.conversations
        .set_role(g.id, c, ParticipantRole::Admin)
        .await
        .unwrap();
    let promoted = membership(&s, b, g.id).await;
    assert!(promoted.conversation_stamp > before.max(others.conversation_stamp));

    let before = settled(&s).await;
    assert!(s
        .conversations
        .left_since(c, before)
        .await
        .unwrap()
        .is_empty());
    s.conversations.remove_participant(g.id, c).await.unwrap();
    assert_eq!(left(&s, c, before).await, [g.id]);
    assert!(s
        .conversations
        .left_since(b, before)
        .await
        .unwrap()
        .is_empty());
    let after_leave = membership(&s, b, g.id).await;
    assert!(after_leave.conversation_stamp > before.max(promoted.conversation_stamp));
    // Rejoining does not hide the departure: the caller checks membership.
    s.conversations
        .add_participant(&member(&g, c, ParticipantRole::Member, 3))
        .await
        .unwrap();
    assert_eq!(left(&s, c, before).await, [g.id]);

    // A store that keeps its epoch across a restart keeps its stamps with it.
    assert_eq!(
        s.conversations.sync_point().await.unwrap().epoch,
        epoch,
        "the epoch holds while the store runs"
    );
    let now = membership(&s, b, g.id).await;
    drop(s);
    let s2 = h.reopen().await;
    let point = s2.conversations.sync_point().await.unwrap();
    if point.epoch == epoch {
        let again = membership(&s2, b, g.id).await;
        assert_eq!(
            (again.conversation_stamp, again.member_stamp),
            (now.conversation_stamp, now.member_stamp)
        );
        assert_eq!(left(&s2, c, before).await, [g.id]);
    }
}

/// Appends and changes stamp their conversation's log above the point taken before; a
/// change that changes nothing stamps nothing; marks come in the order asked, zeros for
/// a conversation without messages; and the sync point settles past a change soon.
pub async fn it_should_stamp_message_logs_and_settle_past_them(h: &impl StorageHarness) {
    let s = h.open().await;
    let (one, two, none) = (
        ConversationId::new(),
        ConversationId::new(),
        ConversationId::new(),
    );
    let alice = UserId::new();
    let point = s.messages.sync_point().await.unwrap();
    s.messages
        .append(text(one, alice, "m1", "first"))
        .await
        .unwrap();
    s.messages
        .append(text(two, alice, "m2", "second"))
        .await
        .unwrap();
    let marks = s.messages.log_marks(&[two, none, one]).await.unwrap();
    let ids: Vec<_> = marks.iter().map(|m| m.conversation_id).collect();
    assert_eq!(ids, [two, none, one]);
    assert!(marks[0].stamp > point.settled && marks[2].stamp > point.settled);
    assert_eq!((marks[1].stamp, marks[1].last_version), (0, 0));
    assert_eq!(marks[2].last_version, 0);
    assert!(s.messages.log_marks(&[]).await.unwrap().is_empty());

    let seq = Seq::new(1).unwrap();
    let react = MessageChange::React {
        user: alice,
        emoji: Emoji::parse("👍").unwrap(),
        on: true,
    };
    let before = s.messages.sync_point().await.unwrap().settled;
    assert!(s.messages.change(one, seq, &react).await.unwrap().changed);
    let changed = s.messages.log_marks(&[one]).await.unwrap()[0];
    assert_eq!(changed.last_version, 1);
    assert!(changed.stamp > before.max(marks[2].stamp));
    // The same reaction again changes nothing, so stamps nothing.
    assert!(!s.messages.change(one, seq, &react).await.unwrap().changed);
    assert_eq!(s.messages.log_marks(&[one]).await.unwrap()[0], changed);

    // The point settles past the change (stores on a shared clock wait a few seconds).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let now = s.messages.sync_point().await.unwrap();
        assert_eq!(now.epoch, point.epoch);
        if now.settled >= changed.stamp {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "never settled");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A membership change and its stamp become visible together: whoever sees the
/// conversation's new stamp then finds the change it stamps. (A sync that saw the stamp
/// first would remember it as seen, with the old members, and hide the change.)
pub async fn it_should_show_a_membership_stamp_only_with_its_change(h: &impl StorageHarness) {
    let s = h.open().await;
    let a = UserId::new();
    let g = group(a, "atomic stamps");
    let owner = member(&g, a, ParticipantRole::Owner, 0);
    s.conversations.create_group(&g, &[owner]).await.unwrap();
    for round in 0..50 {
        let joiner = UserId::new();
        let before = membership(&s, a, g.id).await.conversation_stamp;
        let repo = s.conversations.clone();
        let p = member(&g, joiner, ParticipantRole::Member, 0);
        let join = tokio::spawn(async move { repo.add_participant(&p).await });
        loop {
            let done = join.is_finished();
            if membership(&s, a, g.id).await.conversation_stamp != before {
                let members = s.conversations.participants(g.id).await.unwrap();
                assert!(
                    members.iter().any(|m| m.user_id == joiner),
                    "round {round}: the join's stamp is visible before the join"
                );
                break;
            }
            assert!(!done, "round {round}: the join stamped nothing");
            tokio::task::yield_now().await;
        }
        join.await.unwrap().unwrap();
    }
}
