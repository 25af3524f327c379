//! A recall blanks the message's first row in its own transaction; a tombstone from a
//! build before that (its row still holding the text) is blanked by the first erasure
//! pass after a start.

mod support;

use mysql_async::prelude::Queryable;

use chat_conformance::fixtures::text;
use chat_domain::entities::MessageChange;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::Seq;

async fn rows_holding(url: &str, needle: &str) -> u64 {
    let mut conn = mysql_async::Conn::from_url(url).await.unwrap();
    let n: Option<u64> = conn
        .exec_first(
            "SELECT COUNT(*) FROM messages WHERE body LIKE ?",
            (format!("%{needle}%"),),
        )
        .await
        .unwrap();
    conn.disconnect().await.unwrap();
    n.unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tombstone_keeps_no_text_in_its_row_even_one_from_an_older_build() {
    let Some(db) = support::database().await else {
        return;
    };
    let store = support::store(&db).await;
    let (conv, alice) = (ConversationId::new(), UserId::new());
    for i in 1..=3 {
        let m = text(conv, alice, &format!("c{i}"), &format!("<row-{i}> 秘密"));
        store.messages.append(m).await.unwrap();
    }
    let at = |n| Seq::new(n).unwrap();
    store
        .messages
        .change(conv, at(1), &MessageChange::Recall)
        .await
        .unwrap();
    assert_eq!(
        rows_holding(&db.url(), "<row-1>").await,
        0,
        "erased in the recall"
    );

    // Seq 2 recalled as an older build did: its row kept the text.
    store
        .messages
        .change(conv, at(2), &MessageChange::Recall)
        .await
        .unwrap();
    let mut conn = mysql_async::Conn::from_url(db.url()).await.unwrap();
    conn.exec_drop(
        "UPDATE messages SET body = '<row-2> 秘密' WHERE seq = 2",
        (),
    )
    .await
    .unwrap();
    conn.disconnect().await.unwrap();
    let restarted = support::store(&db).await;
    let erased = restarted.messages.erase_tombstones().await.unwrap();
    assert_eq!(erased.messages, 1);
    assert_eq!(rows_holding(&db.url(), "<row-2>").await, 0);
    assert_eq!(
        rows_holding(&db.url(), "<row-3>").await,
        1,
        "the rest stays"
    );
    let kept = restarted.messages.get(conv, at(3)).await.unwrap().unwrap();
    assert_eq!(kept.body.as_str(), "<row-3> 秘密");
    assert!(
        restarted
            .messages
            .get(conv, at(2))
            .await
            .unwrap()
            .unwrap()
            .deleted
    );
}
