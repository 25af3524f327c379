use std::collections::HashSet;

use chat_domain::entities::ParticipantRole;
use chat_domain::ids::UserId;
use chat_domain::RepoError;

use crate::fixtures::{direct, group, member};
use crate::StorageHarness;

/// Contacts (who may see each other's presence) are the users who share a conversation
/// in which both have sent: joining, or being added, is not enough; the mark survives a
/// restart, is idempotent, and leaving forgets it.
pub async fn it_should_share_contacts_only_between_members_who_both_sent(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b, c, d) = (UserId::new(), UserId::new(), UserId::new(), UserId::new());
    let g = group(a, "g");
    let ms = [
        member(&g, a, ParticipantRole::Owner, 0),
        member(&g, b, ParticipantRole::Member, 1),
        member(&g, d, ParticipantRole::Member, 2),
    ];
    s.conversations.create_group(&g, &ms).await.unwrap();
    let (pair, cand, ps) = direct(a, c);
    let (dm, _) = s
        .conversations
        .get_or_create_direct(pair, &cand, ps)
        .await
        .unwrap();
    let contacts = |s: &chat_domain::ports::Storage, u| {
        let conversations = s.conversations.clone();
        async move {
            conversations
                .contacts(u)
                .await
                .unwrap()
                .into_iter()
                .collect::<HashSet<_>>()
        }
    };
    assert!(contacts(&s, a).await.is_empty(), "nobody has sent yet");

    for (conv, user) in [(g.id, a), (g.id, b), (dm.id, a), (g.id, a)] {
        s.conversations.mark_sent(conv, user).await.unwrap();
    }
    assert!(matches!(
        s.conversations.mark_sent(dm.id, b).await,
        Err(RepoError::NotFound(_))
    ));
    let s = h.reopen().await;
    assert_eq!(
        contacts(&s, a).await,
        HashSet::from([b]),
        "c and d have not sent"
    );
    assert_eq!(contacts(&s, b).await, HashSet::from([a]));
    assert!(
        contacts(&s, c).await.is_empty(),
        "only a has sent in their direct"
    );
    assert!(contacts(&s, d).await.is_empty());
    let row = s.conversations.participant(g.id, b).await.unwrap().unwrap();
    assert!(row.has_sent);
    assert!(
        !s.conversations
            .participant(g.id, d)
            .await
            .unwrap()
            .unwrap()
            .has_sent
    );

    s.conversations.mark_sent(dm.id, c).await.unwrap();
    s.conversations.remove_participant(g.id, b).await.unwrap();
    s.conversations
        .add_participant(&member(&g, b, ParticipantRole::Member, 5))
        .await
        .unwrap();
    let s = h.reopen().await;
    assert_eq!(
        contacts(&s, a).await,
        HashSet::from([c]),
        "b rejoined and has not sent since"
    );
    assert!(
        !s.conversations
            .participant(g.id, b)
            .await
            .unwrap()
            .unwrap()
            .has_sent
    );
    let mut mine = s.conversations.memberships(a).await.unwrap();
    mine.sort_by_key(|m| m.conversation.id != g.id);
    assert!(mine.iter().all(|m| m.participant.has_sent));
}
