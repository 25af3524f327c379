//! Search terms are written after the append commits: by the background indexer, by a
//! restart for what a crashed process left, and by a search itself before it looks.

mod support;

use std::time::Duration;

use chat_adapter_postgres::PostgresConfig;
use chat_conformance::fixtures::text;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::SearchQuery;

async fn sql(url: &str, statements: &str) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client.batch_execute(statements).await.unwrap();
}

async fn indexed(url: &str) -> (i64, i64) {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let row = client
        .query_one(
            "SELECT (SELECT COUNT(DISTINCT seq) FROM message_terms), \
             (SELECT COALESCE(MAX(indexed_seq), 0) FROM search_watermark)",
            &[],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1))
}

async fn wait_for(url: &str, want: (i64, i64), what: &str) {
    let mut waited = Duration::ZERO;
    while indexed(url).await != want {
        assert!(waited < Duration::from_secs(10), "{what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appends_are_indexed_in_the_background_and_after_a_restart() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let url = schema.url();
    let config = PostgresConfig::new(&url);
    let store = chat_adapter_postgres::connect(&config).await.unwrap();
    let (conv, alice) = (ConversationId::new(), UserId::new());
    for i in 1..=20 {
        let body = format!("第{i}条 status update");
        store
            .messages
            .append(text(conv, alice, &format!("c{i}"), &body))
            .await
            .unwrap();
    }
    wait_for(&url, (20, 20), "the indexer did not catch up").await;

    // Rows the indexer never wrote (a process killed after the commit, say) are written
    // by the next start.
    sql(
        &url,
        "DELETE FROM message_terms WHERE seq > 5; UPDATE search_watermark SET indexed_seq = 5",
    )
    .await;
    store.close().await;
    let store = chat_adapter_postgres::connect(&config).await.unwrap();
    wait_for(&url, (20, 20), "the restart did not index what was left").await;

    // And a search never misses what the indexer has not reached yet.
    sql(
        &url,
        "DELETE FROM message_terms; DELETE FROM search_watermark",
    )
    .await;
    let q = SearchQuery::parse("条 status").unwrap();
    let hits = store.messages.search(&[conv], &q, None, 100).await.unwrap();
    assert_eq!(hits.messages.len(), 20);
    store.close().await;
}

async fn terms_of(url: &str, seq: i64) -> i64 {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let row = client
        .query_one("SELECT COUNT(*) FROM message_terms WHERE seq = $1", &[&seq])
        .await
        .unwrap();
    row.get(0)
}

/// Edits and recalls delete a message's rows by the keys of its old body: none is left
/// behind to be passed over by every later search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_replaces_a_messages_rows_and_a_recall_removes_them() {
    use chat_domain::entities::{MessageChange, MessageKind};
    use chat_domain::rules::search_keys;
    use chat_domain::values::{MessageBody, Seq};

    let Some(schema) = support::schema().await else {
        return;
    };
    let url = schema.url();
    let store = support::store(&schema).await;
    let (conv, alice) = (ConversationId::new(), UserId::new());
    let first = "quarterly planning 开会";
    store
        .messages
        .append(text(conv, alice, "c1", first))
        .await
        .unwrap();
    let q = SearchQuery::parse("planning").unwrap();
    assert_eq!(
        store
            .messages
            .search(&[conv], &q, None, 10)
            .await
            .unwrap()
            .messages
            .len(),
        1
    );
    assert_eq!(terms_of(&url, 1).await, search_keys(first).len() as i64);

    let edited = "weekly review";
    let edit = MessageChange::Edit {
        body: MessageBody::parse(MessageKind::Text, edited).unwrap(),
        at: chrono::Utc::now(),
    };
    let seq = Seq::new(1).unwrap();
    store.messages.change(conv, seq, &edit).await.unwrap();
    assert_eq!(terms_of(&url, 1).await, search_keys(edited).len() as i64);
    assert!(store
        .messages
        .search(&[conv], &q, None, 10)
        .await
        .unwrap()
        .messages
        .is_empty());

    store
        .messages
        .change(conv, seq, &MessageChange::Recall)
        .await
        .unwrap();
    assert_eq!(terms_of(&url, 1).await, 0);
    store.close().await;
}
