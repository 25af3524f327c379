//! The database goes away and comes back: calls fail with `Unavailable` (never a false
//! ack, never a hang), and the pool recovers by itself. The outage is a proxy cut, so
//! the real server stays up for the tests running beside this one.

mod support;

use std::net::ToSocketAddrs;
use std::time::Duration;

use chat_adapter_mysql::testing::with_address;
use chat_adapter_mysql::MysqlConfig;
use chat_conformance::proxy::Proxy;
use chat_conformance::shared_store;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_fail_unavailable_while_the_database_is_down_and_recover_after() {
    let Some(db) = support::database().await else {
        return;
    };
    let upstream = mysql_async::Opts::from_url(&db.url()).unwrap();
    let upstream = (upstream.ip_or_hostname(), upstream.tcp_port())
        .to_socket_addrs()
        .unwrap()
        .next()
        .unwrap();
    let proxy = Proxy::start(upstream).await.unwrap();
    let mut config = MysqlConfig::new(with_address(&db.url(), proxy.addr()));
    config.acquire_timeout = Duration::from_secs(2);
    let store = chat_adapter_mysql::connect(&config).await.unwrap();
    shared_store::calls_fail_unavailable_during_an_outage_and_recover_after(&store, &proxy).await;
}
