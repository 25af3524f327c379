//! Stamps that could hide a change from a sync, and how the store heals them: an append
//! whose commit lands late (after its sender gave up, its stamp then below where a sync
//! point settled) shows in the next sync once the send is retried (finding the stored
//! twin stamps its log again); a database clock gone back renews the sync epoch.

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

/// A database clock gone back well below the highest sync point handed out renews the
/// epoch, so cursors holding a later point are refused (one full sync) instead of
/// skipping what is stamped below them; the point it settles at is stored as the new
/// highest.
#[tokio::test]
async fn a_clock_gone_back_renews_the_sync_epoch() {
    let Some(db) = support::database().await else {
        return;
    };
    let store = support::store(&db).await;
    let first = store.messages.sync_point().await.unwrap();
    assert_eq!(
        store.messages.sync_point().await.unwrap().epoch,
        first.epoch
    );
    // As if the clock had stood a minute ahead when a point was handed out.
    let mut conn = mysql_async::Conn::from_url(db.url()).await.unwrap();
    conn.exec_drop(
        "UPDATE sync_high_water SET settled = ? WHERE id = 1",
        (first.settled + 60_000_000,),
    )
    .await
    .unwrap();
    let renewed = store.messages.sync_point().await.unwrap();
    assert_ne!(renewed.epoch, first.epoch, "the epoch is renewed");
    assert_eq!(
        store.messages.sync_point().await.unwrap().epoch,
        renewed.epoch
    );
    let highest: Option<u64> = conn
        .query_first("SELECT settled FROM sync_high_water WHERE id = 1")
        .await
        .unwrap();
    assert!(highest.unwrap() < first.settled + 60_000_000);
    conn.disconnect().await.unwrap();
}
