//! The database goes away and comes back: calls fail with `Unavailable` (never a false
//! ack, never a hang), and the pool recovers by itself. The outage is a proxy cut, so
//! the real server stays up for the tests running beside this one.

mod support;

use std::time::Duration;

use chat_adapter_postgres::PostgresConfig;
use chat_conformance::proxy::Proxy;
use chat_conformance::shared_store;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_fail_unavailable_while_the_database_is_down_and_recover_after() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let proxy = Proxy::in_front_of(&schema.url(), 5432).await.unwrap();
    let mut config = PostgresConfig::new(proxy.url_through(&schema.url()));
    config.acquire_timeout = Duration::from_secs(2);
    let store = chat_adapter_postgres::connect(&config).await.unwrap();
    shared_store::calls_fail_unavailable_during_an_outage_and_recover_after(&store, &proxy).await;
}
