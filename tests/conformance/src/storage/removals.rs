//! Checks for messages a moderator removes: a tombstone that keeps who removed it and
//! when, everywhere the message is read.

use chat_domain::entities::{MessageChange, Pin, Removal};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::{Emoji, Limit, PageQuery, SearchQuery, Seq};
use chat_domain::RepoError;

use crate::fixtures::{t0, text};
use crate::StorageHarness;

fn seq(n: u64) -> Seq {
    Seq::new(n).unwrap()
}

/// A removal drops the body, mentions, reactions and pin as a recall does, takes the
/// next version and records who removed the message and when; every read (get, page,
/// latest, the change feed) says so, after a restart too, and a second removal or a
/// recall of the tombstone is a conflict.
pub async fn it_should_keep_who_removed_a_message(h: &impl StorageHarness) {
    let s = h.open().await;
    let conv = ConversationId::new();
    let (alice, bob, moderator) = (UserId::new(), UserId::new(), UserId::new());
    let mut rude = text(conv, alice, "c1", "a rude word, @bob");
    rude.mentions = vec![bob];
    s.messages.append(rude).await.unwrap();
    s.messages
        .append(text(conv, alice, "c2", "kept"))
        .await
        .unwrap();
    let react = MessageChange::React {
        user: bob,
        emoji: Emoji::parse("👍").unwrap(),
        on: true,
    };
    s.messages.change(conv, seq(1), &react).await.unwrap();
    let pin = MessageChange::Pin(Pin { by: bob, at: t0() });
    s.messages.change(conv, seq(1), &pin).await.unwrap();
    let s = h.reopen().await;
    let rude = SearchQuery::parse("rude").unwrap();
    let found = s.messages.search(&[conv], &rude, None, 10).await.unwrap();
    assert_eq!(found.messages.len(), 1);

    let removal = Removal {
        by: moderator,
        at: t0() + chrono::Duration::seconds(90),
    };
    let removed = s
        .messages
        .change(conv, seq(1), &MessageChange::Remove(removal))
        .await
        .unwrap();
    assert!(removed.changed);
    let m = &removed.message;
    assert!(m.deleted && m.body.as_str().is_empty());
    assert_eq!(m.removed, Some(removal));
    assert!(m.mentions.is_empty() && m.reactions.is_empty() && m.pinned.is_none());
    assert_eq!(m.version, 3);
    for again in [MessageChange::Remove(removal), MessageChange::Recall] {
        assert!(matches!(
            s.messages.change(conv, seq(1), &again).await,
            Err(RepoError::Conflict(_))
        ));
    }

    let s = h.reopen().await;
    let got = s.messages.get(conv, seq(1)).await.unwrap().unwrap();
    assert_eq!(got.removed, Some(removal));
    assert!(got.deleted && got.body.as_str().is_empty());
    let limit = Limit::new(10).unwrap();
    let page = s
        .messages
        .page(conv, PageQuery::latest(limit))
        .await
        .unwrap();
    assert_eq!(page.len(), 2, "seqs stay gap-free");
    assert_eq!(page[0].removed, Some(removal));
    assert_eq!(page[1].removed, None);
    let feed = s.messages.changes(conv, 2, limit).await.unwrap();
    assert_eq!(feed.len(), 1);
    assert_eq!(feed[0].removed, Some(removal));
    assert!(s.messages.pinned(conv).await.unwrap().is_empty());
    assert_eq!(s.messages.count_mentions(conv, bob, 0).await.unwrap(), 0);
    let found = s.messages.search(&[conv], &rude, None, 10).await.unwrap();
    assert!(found.messages.is_empty(), "a removed body is not found");
}

/// A file is carried by a message of a conversation while an image or file message
/// there names it and is not a tombstone, however deep in the history it is; after
/// `erase_tombstones` the tombstone's text is gone from every read.
pub async fn it_should_tell_whether_a_live_message_carries_a_file(h: &impl StorageHarness) {
    let s = h.open().await;
    let (conv, other, alice) = (ConversationId::new(), ConversationId::new(), UserId::new());
    let file = chat_domain::ids::FileId::new();
    let mut attached = text(conv, alice, "f1", "x");
    attached.kind = chat_domain::entities::MessageKind::File;
    attached.body = chat_domain::values::MessageBody::from_stored(format!(
        r#"{{"content_type":"text/plain","file_id":"{file}","name":"a.txt","size":3}}"#
    ));
    s.messages.append(attached.clone()).await.unwrap();
    for i in 0..250 {
        let filler = text(conv, alice, &format!("t{i}"), &format!("{file} as text"));
        s.messages.append(filler).await.unwrap();
    }
    attached.id = chat_domain::ids::MessageId::new();
    attached.client_msg_id = chat_domain::values::ClientMsgId::parse("f2").ok();
    let last = s.messages.append(attached).await.unwrap().message.seq;
    let s = h.reopen().await;
    assert!(s.messages.references_file(conv, file).await.unwrap());
    assert!(!s.messages.references_file(other, file).await.unwrap());
    let other_file = chat_domain::ids::FileId::new();
    assert!(
        !s.messages.references_file(conv, other_file).await.unwrap(),
        "text naming a file does not carry it"
    );

    s.messages
        .change(conv, seq(1), &MessageChange::Recall)
        .await
        .unwrap();
    assert!(
        s.messages.references_file(conv, file).await.unwrap(),
        "seq {last} still does"
    );
    s.messages
        .change(conv, last, &MessageChange::Recall)
        .await
        .unwrap();
    assert!(!s.messages.references_file(conv, file).await.unwrap());
    s.messages.erase_tombstones().await.unwrap();
    let s = h.reopen().await;
    for at in [seq(1), last] {
        let m = s.messages.get(conv, at).await.unwrap().unwrap();
        assert!(m.deleted && m.body.as_str().is_empty());
    }
    let kept = s.messages.get(conv, seq(2)).await.unwrap().unwrap();
    assert_eq!(kept.body.as_str(), format!("{file} as text"));
}
