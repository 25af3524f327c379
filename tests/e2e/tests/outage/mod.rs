//! A SQL store's outage as clients see it: while the database is away (a proxy cut, so
//! the real server keeps serving the tests beside this one) sends and reads fail with
//! `unavailable` on sockets that stay open, the health probe says so, and everything
//! recovers once it is back; a restarted server has every acked message.

use std::future::Future;
use std::time::Duration;

use http::StatusCode;

use chat_conformance::proxy::Proxy;

use crate::support::*;

fn send(client_id: &str, conversation: &str, body: &str) -> chat_protocol::ws::ClientRequest {
    frames::send(conversation, client_id, body)
}

/// `start` runs a server on the database at the URL it is given: `proxied_url` reaches it
/// through `proxy`, `direct_url` straight.
pub async fn answers_unavailable_keeps_sockets_and_recovers<F, Fut>(
    start: F,
    direct_url: String,
    proxied_url: String,
    proxy: &Proxy,
) where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Server>,
{
    let mut s = start(proxied_url).await;
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

    // Everything acked is in the database: a restarted server (straight to it) has it.
    s.shutdown().await;
    let s = start(direct_url).await;
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
