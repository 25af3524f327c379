use http::Method;

use chat_protocol::http::{AddMemberRequest, CreateConversation, ReadRequest};
use chat_protocol::objects::{
    ConversationDetail, ConversationKind, ConversationSummary, MemberRole,
};

use crate::world::{direct, group, say, user};
use crate::Target;

/// One direct conversation per pair, from either side; strangers and unknown ids get
/// the same 403.
pub async fn it_should_make_one_direct_conversation_per_pair(t: &Target) {
    let (alice, bob, eve) = (
        user(t, "alice").await,
        user(t, "bob").await,
        user(t, "eve").await,
    );
    let body = CreateConversation::Direct { peer_id: bob.id };
    let first: ConversationDetail = t
        .post("/api/v1/conversations", Some(&alice.token), &body)
        .await
        .expect(201)
        .parse();
    assert_eq!(first.conversation.kind, ConversationKind::Direct);
    assert_eq!(first.conversation.title, None);
    assert_eq!(first.members.len(), 2);
    let back = CreateConversation::Direct { peer_id: alice.id };
    let again: ConversationDetail = t
        .post("/api/v1/conversations", Some(&bob.token), &back)
        .await
        .expect(200)
        .parse();
    assert_eq!(again.conversation.id, first.conversation.id);
    let id = first.conversation.id;
    let r = t
        .get(&format!("/api/v1/conversations/{id}"), &eve.token)
        .await
        .expect(403);
    assert_eq!(r.code(), "forbidden");
    let unknown = uuid::Uuid::new_v4();
    let r = t
        .get(&format!("/api/v1/conversations/{unknown}"), &eve.token)
        .await
        .expect(403);
    assert_eq!(
        r.code(),
        "forbidden",
        "unknown ids cannot be told from others' conversations"
    );
}

/// A group's owner adds and removes members; members cannot; anyone may leave.
pub async fn it_should_manage_group_members(t: &Target) {
    let (owner, bob, carol) = (
        user(t, "owner").await,
        user(t, "bob").await,
        user(t, "carol").await,
    );
    let g = group(t, &owner, "Team 团队 🚀", &[&bob]).await;
    let path = format!("/api/v1/conversations/{g}/members");
    let add = AddMemberRequest { user_id: carol.id };
    t.post(&path, Some(&bob.token), &add).await.expect(403);
    t.post(&path, Some(&owner.token), &add).await.expect(204);
    assert_eq!(
        t.post(&path, Some(&owner.token), &add)
            .await
            .expect(409)
            .code(),
        "conflict"
    );
    let detail: ConversationDetail = t
        .get(&format!("/api/v1/conversations/{g}"), &carol.token)
        .await
        .expect(200)
        .parse();
    assert_eq!(detail.conversation.title.as_deref(), Some("Team 团队 🚀"));
    let roles: Vec<_> = detail.members.iter().map(|m| (m.user_id, m.role)).collect();
    assert_eq!(
        roles,
        [
            (owner.id, MemberRole::Owner),
            (bob.id, MemberRole::Member),
            (carol.id, MemberRole::Member)
        ]
    );
    let leave = format!("/api/v1/conversations/{g}/members/{}", carol.id);
    t.call(Method::DELETE, &leave, Some(&carol.token), None::<&()>)
        .await
        .expect(204);
    t.get(&format!("/api/v1/conversations/{g}"), &carol.token)
        .await
        .expect(403);
    let remove = format!("/api/v1/conversations/{g}/members/{}", bob.id);
    t.call(Method::DELETE, &remove, Some(&owner.token), None::<&()>)
        .await
        .expect(204);
}

/// The list shows each conversation with its unread count, last message and the
/// caller's read cursor, newest activity first.
pub async fn it_should_list_conversations_with_unread_counts(t: &Target) {
    let (alice, bob) = (user(t, "alice").await, user(t, "bob").await);
    let quiet = group(t, &alice, "quiet", &[&bob]).await;
    let dm = direct(t, &alice, &bob).await;
    for i in 1..=3 {
        say(t, &alice, dm, &format!("m{i}"), &format!("message {i}")).await;
    }
    let list: Vec<ConversationSummary> = t
        .get("/api/v1/conversations", &bob.token)
        .await
        .expect(200)
        .parse();
    let ids: Vec<_> = list.iter().map(|s| s.conversation.id).collect();
    assert_eq!(ids, [dm, quiet]);
    assert_eq!((list[0].unread, list[0].peer_id), (3, Some(alice.id)));
    assert_eq!(
        list[0]
            .last_message
            .as_ref()
            .and_then(|m| m.body.as_deref()),
        Some("message 3")
    );
    let read = ReadRequest { seq: 2 };
    t.post(
        &format!("/api/v1/conversations/{dm}/read"),
        Some(&bob.token),
        &read,
    )
    .await
    .expect(204);
    let list: Vec<ConversationSummary> = t
        .get("/api/v1/conversations", &bob.token)
        .await
        .expect(200)
        .parse();
    assert_eq!((list[0].unread, list[0].last_read_seq), (1, 2));
}
