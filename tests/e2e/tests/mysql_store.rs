//! The server on MySQL: messages survive a restart, and while the database is away
//! sends and reads fail with `unavailable` on sockets that stay open, then recover.

mod outage;
mod support;

use std::time::Duration;

use chat_adapter_mysql::testing::{test_server_url, TestDatabase};
use chat_conformance::proxy::Proxy;
use chat_conformance::services::unreachable_service;
use support::*;

async fn database() -> Option<TestDatabase> {
    let url = test_server_url();
    match TestDatabase::create(&url).await {
        Ok(db) => Some(db),
        Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
    }
}

async fn mysql_server(url: String) -> Server {
    Server::start_with(move |c| {
        c.store = chat_server::Store::Mysql;
        c.mysql_url = Some(url);
        c.mysql_acquire_timeout = Duration::from_secs(2);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_unavailable_keeps_sockets_and_recovers() {
    let Some(db) = database().await else { return };
    let proxy = Proxy::in_front_of(&db.url(), 3306).await.unwrap();
    let proxied = proxy.url_through(&db.url());
    outage::answers_unavailable_keeps_sockets_and_recovers(mysql_server, db.url(), proxied, &proxy)
        .await;
}

/// The whole black-box protocol suite against the server on MySQL.
mod blackbox_on_mysql {
    chat_blackbox::suite_or_skip!(async {
        let db = super::database().await?;
        let server = super::mysql_server(db.url()).await;
        let target = chat_blackbox::Target::new(server.url(""));
        // The server stops before its database is dropped.
        Some((target, (server, db)))
    });
}
