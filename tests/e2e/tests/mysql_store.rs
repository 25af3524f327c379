//! The server on MySQL: messages survive a restart, and while the database is away
//! sends and reads fail with `unavailable` on sockets that stay open, then recover.

mod support;

use std::net::ToSocketAddrs;
use std::time::Duration;

use http::StatusCode;

use chat_adapter_mysql::testing::{test_server_url, with_address, TestDatabase};
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

fn send(client_id: &str, conversation: &str, body: &str) -> chat_protocol::ws::ClientRequest {
    frames::send(conversation, client_id, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_unavailable_keeps_sockets_and_recovers() {
    let Some(db) = database().await else { return };
    let opts = mysql_async::Opts::from_url(&db.url()).unwrap();
    let upstream = (opts.ip_or_hostname(), opts.tcp_port())
        .to_socket_addrs()
        .unwrap()
        .next()
        .unwrap();
    let proxy = Proxy::start(upstream).await.unwrap();
    let mut s = mysql_server(with_address(&db.url(), proxy.addr())).await;
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let dm = s.direct(&alice, &bob).await;
    let mut a = s.ws(&alice).await;
    let mut b = s.ws(&bob).await;
    let first = a.request(send("m-1", &dm, "before"), "r1").await;
    assert_eq!(first["message"]["seq"], 1);
    assert_eq!(b.next_of("message").await["message"], first["message"]);

    proxy.cut();
    let refused = a.request(send("m-2", &dm, "during"), "r2").await;
    assert_eq!(
        (refused["type"].as_str(), refused["code"].as_str()),
        (Some("error"), Some("unavailable")),
        "{refused}"
    );
    let history = s
        .get(
            &format!("/api/v1/conversations/{dm}/messages"),
            &alice.token,
        )
        .await;
    assert_eq!(
        history.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        history.text
    );
    assert_eq!(history.json["error"]["code"], "unavailable");
    let health = s.call(http::Method::GET, "/healthz", None, None).await;
    assert_eq!(
        (health.status, health.json["status"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("unavailable")),
        "{}",
        health.text
    );
    assert!(health.json["failing"]["messages"].is_string());
    // The sockets stay open through the outage.
    assert_eq!(a.request(frames::ping(), "p1").await["type"], "pong");
    assert_eq!(b.request(frames::ping(), "p2").await["type"], "pong");

    proxy.restore();
    // The client retries its refused send; the pool recovers by itself.
    let mut acked = None;
    for i in 0..30 {
        let reply = a
            .request(send("m-2", &dm, "during"), &format!("retry-{i}"))
            .await;
        if reply["type"] == "ack" {
            acked = Some(reply);
            break;
        }
        assert_eq!(reply["code"], "unavailable", "{reply}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let acked = acked.expect("sends succeed again once the database is back");
    let health = s.call(http::Method::GET, "/healthz", None, None).await;
    assert_eq!(health.json["status"], "ok", "{}", health.text);
    assert_eq!(acked["message"]["seq"], 2);
    assert_eq!(b.next_of("message").await["message"], acked["message"]);

    // Everything acked is in the database: a restarted server (straight to MySQL) has it.
    s.shutdown().await;
    let s = mysql_server(db.url()).await;
    let alice = s.login("alice").await;
    let history = s
        .get(
            &format!("/api/v1/conversations/{dm}/messages"),
            &alice.token,
        )
        .await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.text);
    let bodies: Vec<_> = history.json["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(bodies, ["before", "during"]);
}
