//! An append whose commit lands late (after its sender gave up, its stamp then below
//! where a sync point settled) shows in the next sync once the send is retried: finding
//! the stored twin stamps its log again.

mod support;

use mysql_async::prelude::Queryable;

use chat_conformance::fixtures::text;
use chat_domain::ids::{ConversationId, UserId};

#[tokio::test]
async fn a_retried_send_stamps_its_log_above_the_settled_point() {
    let Some(db) = support::database().await else {
        return;
    };
    let store = support::store(&db).await;
    let (conv, alice) = (ConversationId::new(), UserId::new());
    store
        .messages
        .append(text(conv, alice, "c1", "late"))
        .await
        .unwrap();
    // As if the commit had landed long after its stamp.
    let mut conn = mysql_async::Conn::from_url(db.url()).await.unwrap();
    conn.exec_drop(
        "UPDATE message_stamps SET stamp = 1 WHERE conversation_id = ?",
        (*conv.as_uuid(),),
    )
    .await
    .unwrap();
    conn.disconnect().await.unwrap();
    let settled = store.messages.sync_point().await.unwrap().settled;
    assert_eq!(store.messages.log_marks(&[conv]).await.unwrap()[0].stamp, 1);

    let retried = store
        .messages
        .append(text(conv, alice, "c1", "late"))
        .await
        .unwrap();
    assert!(!retried.created, "the retry finds the stored message");
    let mark = store.messages.log_marks(&[conv]).await.unwrap()[0];
    assert!(mark.stamp > settled, "the retry stamps the log again");
}
