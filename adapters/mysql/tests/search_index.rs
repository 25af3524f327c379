//! Search terms are written after the append commits: by the background indexer, by a
//! restart for what a crashed process left, and by a search itself before it looks.

mod support;

use std::time::Duration;

use mysql_async::prelude::Queryable;

use chat_adapter_mysql::MysqlConfig;
use chat_conformance::fixtures::text;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::SearchQuery;

async fn indexed(url: &str) -> (u64, u64) {
    let mut conn = mysql_async::Conn::from_url(url).await.unwrap();
    let rows: Option<u64> = conn
        .query_first("SELECT COUNT(DISTINCT seq) FROM message_terms")
        .await
        .unwrap();
    let mark: Option<u64> = conn
        .query_first("SELECT COALESCE(MAX(indexed_seq), 0) FROM search_watermark")
        .await
        .unwrap();
    conn.disconnect().await.unwrap();
    (rows.unwrap_or(0), mark.unwrap_or(0))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appends_are_indexed_in_the_background_and_after_a_restart() {
    let Some(db) = support::database().await else {
        return;
    };
    let config = MysqlConfig::new(db.url());
    let store = chat_adapter_mysql::connect(&config).await.unwrap();
    let (conv, alice) = (ConversationId::new(), UserId::new());
    for i in 1..=20 {
        let body = format!("第{i}条 status update");
        store
            .messages
            .append(text(conv, alice, &format!("c{i}"), &body))
            .await
            .unwrap();
    }
    let mut waited = Duration::ZERO;
    while indexed(&db.url()).await != (20, 20) {
        assert!(
            waited < Duration::from_secs(10),
            "the indexer did not catch up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }

    // Rows the indexer never wrote (a process killed after the commit, say) are written
    // by the next start.
    let mut conn = mysql_async::Conn::from_url(&db.url()).await.unwrap();
    conn.query_drop("DELETE FROM message_terms WHERE seq > 5")
        .await
        .unwrap();
    conn.query_drop("UPDATE search_watermark SET indexed_seq = 5")
        .await
        .unwrap();
    conn.disconnect().await.unwrap();
    store.close().await;
    let store = chat_adapter_mysql::connect(&config).await.unwrap();
    let mut waited = Duration::ZERO;
    while indexed(&db.url()).await != (20, 20) {
        assert!(
            waited < Duration::from_secs(10),
            "the restart did not index what was left"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }

    // And a search never misses what the indexer has not reached yet.
    let mut conn = mysql_async::Conn::from_url(&db.url()).await.unwrap();
    conn.query_drop("DELETE FROM message_terms").await.unwrap();
    conn.query_drop("DELETE FROM search_watermark")
        .await
        .unwrap();
    conn.disconnect().await.unwrap();
    let q = SearchQuery::parse("条 status").unwrap();
    let hits = store.messages.search(&[conv], &q, None, 100).await.unwrap();
    assert_eq!(hits.messages.len(), 20);
    store.close().await;
}
