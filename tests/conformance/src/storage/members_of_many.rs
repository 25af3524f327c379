//! The members of many conversations at once, as a sync page reads them.

use chat_domain::entities::ParticipantRole;
use chat_domain::ids::{ConversationId, UserId};

use crate::fixtures::{direct, group, member};
use crate::StorageHarness;

/// `participants_of` answers, for each id in the order given, what `participants` does
/// for it (join order, each member's state), and nothing for an unknown id.
pub async fn it_should_list_the_members_of_many_conversations_in_order(h: &impl StorageHarness) {
    let s = h.open().await;
    let (a, b, c) = (UserId::new(), UserId::new(), UserId::new());
    let g1 = group(a, "one");
    let g2 = group(b, "two");
    s.conversations
        .create_group(
            &g1,
            &[
                member(&g1, a, ParticipantRole::Owner, 0),
                member(&g1, b, ParticipantRole::Member, 1),
                member(&g1, c, ParticipantRole::Admin, 2),
            ],
        )
        .await
        .unwrap();
    s.conversations
        .create_group(&g2, &[member(&g2, b, ParticipantRole::Owner, 0)])
        .await
        .unwrap();
    let (pair, d, pd) = direct(a, c);
    s.conversations
        .get_or_create_direct(pair, &d, pd)
        .await
        .unwrap();
    s.conversations
        .advance_read_cursor(g1.id, b, 4)
        .await
        .unwrap();
    s.conversations.set_muted(g1.id, c, true).await.unwrap();

    let unknown = ConversationId::new();
    let ids = [g2.id, unknown, d.id, g1.id];
    let many = s.conversations.participants_of(&ids).await.unwrap();
    assert_eq!(many.len(), ids.len());
    for (id, members) in ids.iter().zip(&many) {
        assert_eq!(members, &s.conversations.participants(*id).await.unwrap());
    }
    assert_eq!(many[1], vec![], "an unknown conversation has no members");
    assert_eq!(many[3].len(), 3);
    assert!(s
        .conversations
        .participants_of(&[])
        .await
        .unwrap()
        .is_empty());
}
