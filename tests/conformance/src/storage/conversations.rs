use std::collections::HashSet;
use std::sync::Arc;

use chat_domain::entities::ParticipantRole;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::RepoError;

use crate::fixtures::{direct, group, member};
use crate::StorageHarness;

/// A group stores with its members in join order and the state each carries (cursors,
/// mute, sent mark: a copy from another store keeps them), all readable after a restart.
pub async fn it_should_create_a_group_with_its_members(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
    let g = group(a, "设计 team 🎨");
    let mut ms = vec![
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, b, ParticipantRole::Admin, 1),
        member(&g, c, ParticipantRole::Member, 2),
    ];
    // Members arrive with state of their own when a group is copied from another store.
    ms[1].muted = true;
    ms[1].has_sent = true;
    ms[1].delivered_seq = 7;
    ms[1].last_read_seq = 5;
    ms[2].has_sent = true;
    s.conversations.create_group(&g, &ms).await.unwrap();
    assert!(matches!(
        s.conversations.create_group(&g, &ms).await,
        Err(RepoError::Conflict(_))
    ));

    let s = h.reopen().await;
    assert_eq!(s.conversations.get(g.id).await.unwrap(), g);
    assert_eq!(s.conversations.participants(g.id).await.unwrap(), ms);
    assert_eq!(
        s.conversations.participant(g.id, b).await.unwrap(),
        Some(ms[1].clone())
    );
    assert_eq!(
        s.conversations
            .participant(g.id, UserId::new())
            .await
            .unwrap(),
        None
    );
    let missing = ConversationId::new();
    assert!(matches!(
        s.conversations.get(missing).await,
        Err(RepoError::NotFound(_))
    ));
    assert_eq!(s.conversations.participants(missing).await.unwrap(), vec![]);
    assert_eq!(s.conversations.count().await.unwrap(), 1);
}

/// A member listed twice rejects the whole group, writing nothing.
pub async fn it_should_reject_a_group_listing_a_member_twice(h: &impl StorageHarness) {
    let s = h.open().await;
    let a = UserId::new();
    let g = group(a, "dup");
    let ms = vec![
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, a, ParticipantRole::Member, 1),
    ];
    assert!(matches!(
        s.conversations.create_group(&g, &ms).await,
        Err(RepoError::Conflict(_))
    ));
    let s = h.reopen().await;
    assert!(matches!(
        s.conversations.get(g.id).await,
        Err(RepoError::NotFound(_))
    ));
    assert_eq!(s.conversations.memberships(a).await.unwrap(), vec![]);
}

/// 16 concurrent creates of the same pair (from both sides) yield one conversation.
pub async fn it_should_create_one_direct_conversation_per_pair_under_concurrency(
    h: &impl StorageHarness,
) {
    let s = h.open().await;
    let (a, b) = (UserId::new(), UserId::new());
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let repo = Arc::clone(&s.conversations);
            let (x, y) = if i % 2 == 0 { (a, b) } else { (b, a) };
            tokio::spawn(async move {
                let (pair, candidate, ps) = direct(x, y);
                repo.get_or_create_direct(pair, &candidate, ps)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut ids = HashSet::new();
    let mut created = 0;
    for t in tasks {
        let (c, was_created) = t.await.unwrap();
        ids.insert(c.id);
        created += usize::from(was_created);
    }
    assert_eq!(ids.len(), 1, "every caller gets the same conversation");
    assert_eq!(created, 1, "exactly one call created it");

    let s = h.reopen().await;
    let id = *ids.iter().next().unwrap();
    let members: HashSet<_> = s
        .conversations
        .participants(id)
        .await
        .unwrap()
        .iter()
        .map(|p| p.user_id)
        .collect();
    assert_eq!(members, HashSet::from([a, b]));
    assert_eq!(s.conversations.count().await.unwrap(), 1);
    // A different pair is a different conversation.
    let (pair, cand, ps) = direct(a, UserId::new());
    let (other, created) = s
        .conversations
        .get_or_create_direct(pair, &cand, ps)
        .await
        .unwrap();
    assert!(created && other.id != id);
}

/// Adding an existing member conflicts; removing a non-member is NotFound.
pub async fn it_should_add_and_remove_participants(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b) = (UserId::new(), UserId::new());
    let g = group(a, "g");
    s.conversations
        .create_group(&g, &[member(&g, a, ParticipantRole::Owner, 0)])
        .await
        .unwrap();
    let pb = member(&g, b, ParticipantRole::Member, 5);
    s.conversations.add_participant(&pb).await.unwrap();
    assert!(matches!(
        s.conversations.add_participant(&pb).await,
        Err(RepoError::Conflict(_))
    ));
    let stray = member(&group(a, "other"), b, ParticipantRole::Member, 0);
    assert!(matches!(
        s.conversations.add_participant(&stray).await,
        Err(RepoError::NotFound(_))
    ));

    let s = h.reopen().await;
    assert_eq!(
        s.conversations.participant(g.id, b).await.unwrap(),
        Some(pb)
    );
    s.conversations.remove_participant(g.id, b).await.unwrap();
    let again = s.conversations.remove_participant(g.id, b).await;
    assert!(matches!(again, Err(RepoError::NotFound(_))), "{again:?}");

    let s = h.reopen().await;
    assert_eq!(s.conversations.participant(g.id, b).await.unwrap(), None);
    assert_eq!(s.conversations.memberships(b).await.unwrap(), vec![]);
    assert_eq!(s.conversations.participants(g.id).await.unwrap().len(), 1);
}

/// A member's role changes and persists; a non-member's is NotFound.
pub async fn it_should_change_a_participant_role(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b) = (UserId::new(), UserId::new());
    let g = group(a, "g");
    let ms = [
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, b, ParticipantRole::Member, 1),
    ];
    s.conversations.create_group(&g, &ms).await.unwrap();
    s.conversations
        .set_role(g.id, b, ParticipantRole::Admin)
        .await
        .unwrap();
    let r = s
        .conversations
        .set_role(g.id, UserId::new(), ParticipantRole::Admin)
        .await;
    assert!(matches!(r, Err(RepoError::NotFound(_))));
    let s = h.reopen().await;
    let pb = s.conversations.participant(g.id, b).await.unwrap().unwrap();
    assert_eq!(pb.role, ParticipantRole::Admin);
}

/// A read cursor only moves forward, including under concurrent updates.
pub async fn it_should_keep_read_cursors_monotonic(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b) = (UserId::new(), UserId::new());
    let (pair, c, ps) = direct(a, b);
    let (c, _) = s
        .conversations
        .get_or_create_direct(pair, &c, ps)
        .await
        .unwrap();
    assert_eq!(
        s.conversations
            .advance_read_cursor(c.id, a, 5)
            .await
            .unwrap(),
        5
    );
    assert_eq!(
        s.conversations
            .advance_read_cursor(c.id, a, 3)
            .await
            .unwrap(),
        5
    );
    assert_eq!(
        s.conversations
            .advance_read_cursor(c.id, a, 9)
            .await
            .unwrap(),
        9
    );
    let r = s
        .conversations
        .advance_read_cursor(c.id, UserId::new(), 1)
        .await;
    assert!(matches!(r, Err(RepoError::NotFound(_))));

    let tasks: Vec<_> = (1..=50u64)
        .rev()
        .map(|n| {
            let repo = Arc::clone(&s.conversations);
            tokio::spawn(async move { repo.advance_read_cursor(c.id, b, n).await.unwrap() })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let s = h.reopen().await;
    assert_eq!(
        s.conversations
            .participant(c.id, a)
            .await
            .unwrap()
            .unwrap()
            .last_read_seq,
        9
    );
    assert_eq!(
        s.conversations
            .participant(c.id, b)
            .await
            .unwrap()
            .unwrap()
            .last_read_seq,
        50
    );
}

/// Memberships list each conversation with the user's own row.
pub async fn it_should_list_memberships(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b, c, d) = (UserId::new(), UserId::new(), UserId::new(), UserId::new());
    let g = group(a, "g");
    let ms = [
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, b, ParticipantRole::Member, 1),
    ];
    s.conversations.create_group(&g, &ms).await.unwrap();
    let (pair, cand, ps) = direct(a, c);
    let (dm, _) = s
        .conversations
        .get_or_create_direct(pair, &cand, ps)
        .await
        .unwrap();
    let (pair, cand, ps) = direct(c, d);
    s.conversations
        .get_or_create_direct(pair, &cand, ps)
        .await
        .unwrap();

    let s = h.reopen().await;
    let mut mine = s.conversations.memberships(a).await.unwrap();
    mine.sort_by_key(|m| m.conversation.id != g.id);
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].conversation, g);
    assert_eq!(mine[0].participant.role, ParticipantRole::Owner);
    assert_eq!(mine[1].conversation.id, dm.id);
    assert!(mine.iter().all(|m| m.participant.user_id == a));
}

/// Paging by id visits every conversation once, in id order, members or not.
pub async fn it_should_page_through_every_conversation(h: &impl StorageHarness) {
    let s = h.open().await;
    let a = UserId::new();
    let mut ids = Vec::new();
    for i in 0..5 {
        let g = group(a, &format!("g{i}"));
        // The last group has nobody left in it; it is still listed.
        let members = if i == 4 {
            vec![]
        } else {
            vec![member(&g, a, ParticipantRole::Owner, 0)]
        };
        s.conversations.create_group(&g, &members).await.unwrap();
        ids.push(g.id);
    }
    for _ in 0..2 {
        let (pair, cand, ps) = direct(a, UserId::new());
        let (dm, _) = s
            .conversations
            .get_or_create_direct(pair, &cand, ps)
            .await
            .unwrap();
        ids.push(dm.id);
    }
    ids.sort();

    let s = h.reopen().await;
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = s.conversations.list(after, 3).await.unwrap();
        assert!(page.len() <= 3);
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        seen.extend(page.iter().map(|c| c.id));
    }
    assert_eq!(seen, ids);
    let all = s.conversations.list(None, 100).await.unwrap();
    assert_eq!(all.iter().filter(|c| c.direct_pair().is_some()).count(), 2);
    assert_eq!(s.conversations.list(None, 0).await.unwrap(), vec![]);
}

/// A member mutes and unmutes a conversation; it persists, and a non-member cannot.
pub async fn it_should_mute_and_unmute_a_participant(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b) = (UserId::new(), UserId::new());
    let g = group(a, "g");
    let members = [
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, b, ParticipantRole::Member, 1),
    ];
    s.conversations.create_group(&g, &members).await.unwrap();
    s.conversations.set_muted(g.id, b, true).await.unwrap();
    s.conversations.set_muted(g.id, b, true).await.unwrap();

    let s = h.reopen().await;
    let muted: Vec<bool> = s
        .conversations
        .participants(g.id)
        .await
        .unwrap()
        .iter()
        .map(|p| p.muted)
        .collect();
    assert_eq!(muted, [false, true]);
    assert!(
        s.conversations
            .participant(g.id, b)
            .await
            .unwrap()
            .unwrap()
            .muted
    );
    let mine = s.conversations.memberships(b).await.unwrap();
    assert!(mine[0].participant.muted);
    assert!(matches!(
        s.conversations.set_muted(g.id, UserId::new(), true).await,
        Err(RepoError::NotFound(_))
    ));
    s.conversations.set_muted(g.id, b, false).await.unwrap();
    assert!(
        !s.conversations
            .participant(g.id, b)
            .await
            .unwrap()
            .unwrap()
            .muted
    );

    // Leaving forgets it: a member who comes back starts unmuted.
    s.conversations.set_muted(g.id, b, true).await.unwrap();
    s.conversations.remove_participant(g.id, b).await.unwrap();
    s.conversations
        .add_participant(&member(&g, b, ParticipantRole::Member, 9))
        .await
        .unwrap();
    let s = h.reopen().await;
    assert!(
        !s.conversations
            .participant(g.id, b)
            .await
            .unwrap()
            .unwrap()
            .muted
    );
}
