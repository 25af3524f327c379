//! The sync call: a full state, then each changed conversation once as it is now, the
//! conversations left, paging, nothing when nothing changed, and refused cursors.

use std::collections::HashSet;

use http::Method;
use uuid::Uuid;

use chat_protocol::http::{EditRequest, ReadRequest, SyncAnswer};
use chat_protocol::objects::{ConversationDetail, SyncedConversation};
use chat_protocol::ws::{ClientRequest, ServerFrame};

use crate::world::{direct, group, say, user, User};
use crate::Target;

async fn sync(t: &Target, who: &User, since: Option<&str>, limit: Option<u64>) -> SyncAnswer {
    let mut query = Vec::new();
    if let Some(c) = since {
        query.push(format!("since={c}"));
    }
    if let Some(n) = limit {
        query.push(format!("limit={n}"));
    }
    t.get(&format!("/api/v1/sync?{}", query.join("&")), &who.token)
        .await
        .expect(200)
        .parse()
}

fn ids(a: &SyncAnswer) -> Vec<Uuid> {
    a.conversations
        .iter()
        .map(|c| c.summary.conversation.id)
        .collect()
}

fn find(a: &SyncAnswer, id: Uuid) -> &SyncedConversation {
    a.conversations
        .iter()
        .find(|c| c.summary.conversation.id == id)
        .unwrap_or_else(|| panic!("{id} in the answer"))
}

fn sorted(mut v: Vec<Uuid>) -> Vec<Uuid> {
    v.sort();
    v
}

/// Without a cursor every conversation comes with its members; with one, exactly the
/// conversations whose state changed (messages, edits, a read on another device, a mute,
/// a member removed), each once and as it is now, and the ones left; asking again at
/// once answers nothing.
pub async fn it_should_sync_each_changed_conversation_once(t: &Target) {
    let (alice, bob, carol) = (
        user(t, "alice").await,
        user(t, "bob").await,
        user(t, "carol").await,
    );
    let g = group(t, &alice, "sync", &[&bob, &carol]).await;
    let d = direct(t, &alice, &bob).await;
    let quiet = direct(t, &bob, &carol).await;

    let full = sync(t, &bob, None, None).await;
    assert_eq!(sorted(ids(&full)), sorted(vec![g, d, quiet]));
    assert!(!full.more && full.left.is_empty());
    let members: HashSet<_> = find(&full, g).members.iter().map(|m| m.user_id).collect();
    assert_eq!(members, HashSet::from([alice.id, bob.id, carol.id]));
    let nothing = sync(t, &bob, Some(&full.cursor), None).await;
    assert!(
        nothing.conversations.is_empty() && nothing.left.is_empty(),
        "{nothing:?}"
    );

    say(t, &alice, g, "g1", "hello group").await;
    say(t, &alice, g, "g2", "second").await;
    let edit = EditRequest {
        body: "hello, group".into(),
    };
    t.call(
        Method::PATCH,
        &format!("/api/v1/conversations/{g}/messages/1"),
        Some(&alice.token),
        Some(&edit),
    )
    .await
    .expect(200);
    say(t, &alice, d, "d1", "psst").await;
    // Bob reads the group on another device, and mutes the direct conversation.
    let read = ReadRequest { seq: 2 };
    t.post(
        &format!("/api/v1/conversations/{g}/read"),
        Some(&bob.token),
        &read,
    )
    .await
    .expect(204);
    t.post(
        &format!("/api/v1/conversations/{d}/mute"),
        Some(&bob.token),
        &(),
    )
    .await
    .expect(204);

    let changed = sync(t, &bob, Some(&nothing.cursor), None).await;
    assert_eq!(
        sorted(ids(&changed)),
        sorted(vec![g, d]),
        "each once, the quiet one not"
    );
    let gs = &find(&changed, g).summary;
    assert_eq!(
        (
            gs.conversation.last_seq,
            gs.conversation.last_version,
            gs.conversation.read_seq
        ),
        (2, 1, 2)
    );
    assert_eq!((gs.unread, gs.last_read_seq), (0, 2));
    let ds = &find(&changed, d).summary;
    assert!(ds.muted);
    assert_eq!((ds.conversation.last_seq, ds.unread), (1, 1));
    assert_eq!(
        ds.last_message.as_ref().and_then(|m| m.body.as_deref()),
        Some("psst")
    );
    let again = sync(t, &bob, Some(&changed.cursor), None).await;
    assert!(
        again.conversations.is_empty() && again.left.is_empty(),
        "{again:?}"
    );

    // Removed from the group: it is left, not changed; the others see its members change.
    let carol_before = sync(t, &carol, None, None).await;
    t.call(
        Method::DELETE,
        &format!("/api/v1/conversations/{g}/members/{}", bob.id),
        Some(&alice.token),
        None::<&()>,
    )
    .await
    .expect(204);
    let removed = sync(t, &bob, Some(&again.cursor), None).await;
    assert_eq!(removed.left, [g]);
    assert!(removed.conversations.is_empty(), "{removed:?}");
    let seen_by_carol = sync(t, &carol, Some(&carol_before.cursor), None).await;
    assert_eq!(ids(&seen_by_carol), [g]);
    assert_eq!(find(&seen_by_carol, g).members.len(), 2);
    let after = sync(t, &bob, Some(&removed.cursor), None).await;
    assert!(
        after.conversations.is_empty() && after.left.is_empty(),
        "{after:?}"
    );

    // The same over a socket.
    let (mut ws, _) = t.socket(&bob.token).await;
    let request = ClientRequest::Sync {
        since: Some(after.cursor.clone()),
        limit: None,
    };
    match ws.request(request, "s1").await {
        ServerFrame::Sync {
            conversations,
            left,
            more,
            ..
        } => {
            assert!(conversations.is_empty() && left.is_empty() && !more);
        }
        other => panic!("expected a sync frame, got {other:?}"),
    }
    say(t, &alice, d, "d2", "over the socket").await;
    let request = ClientRequest::Sync {
        since: Some(after.cursor.clone()),
        limit: None,
    };
    match ws.request(request, "s2").await {
        ServerFrame::Sync { conversations, .. } => {
            assert_eq!(conversations.len(), 1);
            assert_eq!(conversations[0].summary.conversation.last_seq, 2);
        }
        other => panic!("expected a sync frame, got {other:?}"),
    }
}

/// A long answer comes in pages that together hold each conversation once; detail and
/// lists carry `last_version` and `read_seq`; cursors the server cannot use and a limit
/// of 0 are refused with a message that says to start again.
pub async fn it_should_page_a_sync_and_refuse_cursors_it_cannot_use(t: &Target) {
    let me = user(t, "pager").await;
    let mut all = Vec::new();
    for i in 0..5 {
        let peer = user(t, &format!("peer{i}")).await;
        all.push(direct(t, &me, &peer).await);
    }
    let mut got = Vec::new();
    let mut page = sync(t, &me, None, Some(2)).await;
    let mut pages = 1;
    while page.more {
        assert_eq!(page.conversations.len(), 2);
        got.extend(ids(&page));
        page = sync(t, &me, Some(&page.cursor), Some(2)).await;
        pages += 1;
    }
    got.extend(ids(&page));
    assert_eq!(pages, 3);
    assert_eq!(sorted(got), sorted(all.clone()), "each once over the pages");
    // The last page's cursor goes on from the start of the answer.
    say(t, &me, all[3], "m1", "after the pages").await;
    let next = sync(t, &me, Some(&page.cursor), None).await;
    assert!(ids(&next).contains(&all[3]));

    let detail: ConversationDetail = t
        .get(&format!("/api/v1/conversations/{}", all[3]), &me.token)
        .await
        .expect(200)
        .parse();
    assert_eq!(
        (
            detail.conversation.last_seq,
            detail.conversation.last_version
        ),
        (1, 0)
    );
    assert_eq!(detail.conversation.read_seq, 0);

    for bad in ["garbage", "AAAA", "", "x"] {
        let r = t
            .get(&format!("/api/v1/sync?since={bad}"), &me.token)
            .await
            .expect(400);
        assert_eq!(r.code(), "bad_request");
        assert!(r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("without `since`"));
    }
    let r = t.get("/api/v1/sync?limit=0", &me.token).await.expect(400);
    assert_eq!(r.code(), "bad_request");
}
