use http::Method;

use chat_protocol::http::{EditRequest, MessagePage, ReactRequest, SearchResults, SendRequest};
use chat_protocol::objects::{Message, MessageKind};

use crate::world::{direct, group, say, text, user};
use crate::Target;

fn seqs(page: &MessagePage) -> Vec<u64> {
    page.messages.iter().map(|m| m.seq).collect()
}

/// A send is stored once whatever the retries, and history pages by seq both ways.
pub async fn it_should_store_a_send_once_and_page_history(t: &Target) {
    let (alice, bob) = (user(t, "alice").await, user(t, "bob").await);
    let dm = direct(t, &alice, &bob).await;
    let path = format!("/api/v1/conversations/{dm}/messages");
    let first: Message = t
        .post(&path, Some(&alice.token), &text("c-1", "你好 👋"))
        .await
        .expect(201)
        .parse();
    assert_eq!(
        (first.seq, first.kind, first.body.as_deref()),
        (1, MessageKind::Text, Some("你好 👋"))
    );
    let retry: Message = t
        .post(&path, Some(&alice.token), &text("c-1", "你好 👋"))
        .await
        .expect(200)
        .parse();
    assert_eq!(retry, first, "a retry answers the stored message");
    for i in 2..=12 {
        say(t, &bob, dm, &format!("b-{i}"), &format!("#{i}")).await;
    }
    let page = |q: &str| format!("{path}?{q}");
    for (query, want) in [
        ("after_seq=0&limit=5", vec![1, 2, 3, 4, 5]),
        ("after_seq=5&limit=5", vec![6, 7, 8, 9, 10]),
        ("before_seq=3", vec![1, 2]),
        ("limit=2", vec![11, 12]),
    ] {
        let got: MessagePage = t.get(&page(query), &bob.token).await.expect(200).parse();
        assert_eq!(seqs(&got), want, "{query}");
    }
    t.get(&page("before_seq=0"), &bob.token).await.expect(400);
}

/// Edits, recalls and reactions change a message in place, and the change feed gives
/// each changed message once, in version order.
pub async fn it_should_edit_recall_react_and_feed_changes(t: &Target) {
    let (alice, bob) = (user(t, "alice").await, user(t, "bob").await);
    let dm = direct(t, &alice, &bob).await;
    let m = say(t, &alice, dm, "e-1", "typo").await;
    let one = format!("/api/v1/conversations/{dm}/messages/{}", m.seq);
    let edit = EditRequest {
        body: "fixed ✏️".into(),
    };
    t.call(Method::PATCH, &one, Some(&bob.token), Some(&edit))
        .await
        .expect(403);
    let edited: Message = t
        .call(Method::PATCH, &one, Some(&alice.token), Some(&edit))
        .await
        .expect(200)
        .parse();
    assert_eq!(edited.body.as_deref(), Some("fixed ✏️"));
    assert!(edited.edited_at.is_some());
    let react = ReactRequest {
        emoji: "👍".into(),
        on: Some(true),
    };
    let reacted: Message = t
        .post(&format!("{one}/reactions"), Some(&bob.token), &react)
        .await
        .expect(200)
        .parse();
    assert_eq!(reacted.reactions[0].user_ids, [bob.id]);
    assert!(reacted.version > edited.version);
    let gone = say(t, &bob, dm, "e-2", "oops").await;
    let recall = format!("/api/v1/conversations/{dm}/messages/{}", gone.seq);
    let tomb: Message = t
        .call(Method::DELETE, &recall, Some(&bob.token), None::<&()>)
        .await
        .expect(200)
        .parse();
    assert!(tomb.deleted);
    assert_eq!(tomb.body, None);
    t.call(Method::DELETE, &recall, Some(&bob.token), None::<&()>)
        .await
        .expect(409);
    let feed: MessagePage = t
        .get(
            &format!("/api/v1/conversations/{dm}/changes?after_version=0"),
            &alice.token,
        )
        .await
        .expect(200)
        .parse();
    let changed: Vec<_> = feed.messages.iter().map(|m| (m.seq, m.version)).collect();
    assert_eq!(
        changed,
        [(m.seq, reacted.version), (gone.seq, tomb.version)]
    );
    let later: MessagePage = t
        .get(
            &format!(
                "/api/v1/conversations/{dm}/changes?after_version={}",
                reacted.version
            ),
            &alice.token,
        )
        .await
        .expect(200)
        .parse();
    assert_eq!(later.messages.len(), 1);
}

/// Search finds live text messages in any script, in the caller's conversations only.
pub async fn it_should_search_messages(t: &Target) {
    let (alice, bob, eve) = (
        user(t, "alice").await,
        user(t, "bob").await,
        user(t, "eve").await,
    );
    let g = group(t, &alice, "search", &[&bob]).await;
    say(t, &alice, g, "s-1", "Lunch at noon? 🍜").await;
    say(t, &bob, g, "s-2", "会議は明日です").await;
    let find = |q: &str, who: &str| format!("/api/v1/search?q={q}&conversation_id={g}{who}");
    let hits: SearchResults = t
        .get(&find("LUNCH", ""), &bob.token)
        .await
        .expect(200)
        .parse();
    assert_eq!(hits.messages.len(), 1);
    assert_eq!(hits.messages[0].body.as_deref(), Some("Lunch at noon? 🍜"));
    let hits: SearchResults = t
        .get(&find("%E4%BC%9A%E8%AD%B0", ""), &alice.token)
        .await
        .expect(200)
        .parse();
    assert_eq!(hits.messages.len(), 1, "会議");
    assert_eq!(
        t.get(&find("lunch", ""), &eve.token)
            .await
            .expect(403)
            .code(),
        "forbidden"
    );
}

/// Bad sends are refused with the documented codes, and nothing is stored.
pub async fn it_should_refuse_bad_sends(t: &Target) {
    let (alice, bob, eve) = (
        user(t, "alice").await,
        user(t, "bob").await,
        user(t, "eve").await,
    );
    let dm = direct(t, &alice, &bob).await;
    let path = format!("/api/v1/conversations/{dm}/messages");
    let long = "字".repeat(5001);
    let cases = [
        (text("x-1", "   "), 400, "bad_request"),
        (text("x-2", &long), 413, "too_large"),
        (
            SendRequest {
                reply_to: Some(99),
                ..text("x-3", "re")
            },
            400,
            "bad_request",
        ),
        (
            SendRequest {
                kind: MessageKind::System,
                ..text("x-4", "hi")
            },
            400,
            "bad_request",
        ),
        (
            SendRequest {
                kind: MessageKind::Image,
                ..text("x-5", "{}")
            },
            400,
            "bad_request",
        ),
    ];
    for (send, status, code) in cases {
        let r = t
            .post(&path, Some(&alice.token), &send)
            .await
            .expect(status);
        assert_eq!(r.code(), code, "{send:?}");
    }
    assert_eq!(
        t.post(&path, Some(&eve.token), &text("x-6", "hi"))
            .await
            .expect(403)
            .code(),
        "forbidden"
    );
    let raw = t
        .send(
            Method::POST,
            &path,
            Some(&alice.token),
            Some("{not json".into()),
            Some("application/json"),
        )
        .await;
    assert_eq!(raw.expect(400).code(), "bad_request");
    let page: MessagePage = t.get(&path, &bob.token).await.expect(200).parse();
    assert!(page.messages.is_empty(), "nothing was stored");
}
