//! Stamps that could hide a change from a sync, and how the store heals them: an append
//! whose commit lands late (after its sender gave up, its stamp then below where a sync
//! point settled) shows in the next sync once the send is retried (finding the stored
//! twin stamps its log again); a database clock gone back renews the sync epoch.

mod support;

use chat_conformance::fixtures::text;
use chat_domain::ids::{ConversationId, UserId};

#[tokio::test]
async fn a_retried_send_stamps_its_log_above_the_settled_point() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let store = support::store(&schema).await;
    let (conv, alice) = (ConversationId::new(), UserId::new());
    store
        .messages
        .append(text(conv, alice, "c1", "late"))
        .await
        .unwrap();
    // As if the commit had landed long after its stamp.
    let (client, connection) = tokio_postgres::connect(&schema.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
        .execute(
            "UPDATE message_stamps SET stamp = 1 WHERE conversation_id = $1",
            &[conv.as_uuid()],
        )
        .await
        .unwrap();
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
/// skipping what is stamped below them.
#[tokio::test]
async fn a_clock_gone_back_renews_the_sync_epoch() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let store = support::store(&schema).await;
    let first = store.messages.sync_point().await.unwrap();
    assert_eq!(
        store.messages.sync_point().await.unwrap().epoch,
        first.epoch
    );
    let (client, connection) = tokio_postgres::connect(&schema.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let ahead = (first.settled + 60_000_000) as i64;
    client
        .execute(
            "UPDATE sync_high_water SET settled = $1 WHERE id = 1",
            &[&ahead],
        )
        .await
        .unwrap();
    let renewed = store.messages.sync_point().await.unwrap();
    assert_ne!(renewed.epoch, first.epoch, "the epoch is renewed");
    assert_eq!(
        store.messages.sync_point().await.unwrap().epoch,
        renewed.epoch
    );
    let highest: i64 = client
        .query_one("SELECT settled FROM sync_high_water WHERE id = 1", &[])
        .await
        .unwrap()
        .get(0);
    assert!(highest < ahead);
}
