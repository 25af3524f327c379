//! The database goes away and comes back: calls fail with `Unavailable` (never a false
//! ack, never a hang), and the pool recovers by itself. The outage is a proxy cut, so
//! the real server stays up for the tests running beside this one.

mod support;

use std::net::ToSocketAddrs;
use std::time::Duration;

use chat_adapter_postgres::PostgresConfig;
use chat_conformance::proxy::Proxy;
use chat_conformance::shared_store;
use tokio_postgres::config::Host;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_fail_unavailable_while_the_database_is_down_and_recover_after() {
    let Some(schema) = support::schema().await else {
        return;
    };
    let url = schema.url();
    let parsed: tokio_postgres::Config = url.parse().unwrap();
    let (Some(Host::Tcp(host)), port) = (parsed.get_hosts().first(), parsed.get_ports().first())
    else {
        panic!("the test URL names no TCP host: {url}");
    };
    let port = port.copied().unwrap_or(5432);
    let upstream = (host.as_str(), port)
        .to_socket_addrs()
        .unwrap()
        .next()
        .unwrap();
    let proxy = Proxy::start(upstream).await.unwrap();
    let through = url.replacen(&format!("{host}:{port}"), &proxy.addr().to_string(), 1);
    assert_ne!(through, url, "the test URL names {host}:{port}");
    let mut config = PostgresConfig::new(through);
    config.acquire_timeout = Duration::from_secs(2);
    let store = chat_adapter_postgres::connect(&config).await.unwrap();
    shared_store::calls_fail_unavailable_during_an_outage_and_recover_after(&store, &proxy).await;
}
