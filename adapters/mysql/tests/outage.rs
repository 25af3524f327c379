//! The database goes away and comes back: calls fail with `Unavailable` (never a false
//! ack, never a hang), and the pool recovers by itself. The outage is a proxy cut, so
//! the real server stays up for the tests running beside this one.

mod support;

use std::net::ToSocketAddrs;
use std::time::Duration;

use chat_adapter_mysql::testing::with_address;
use chat_adapter_mysql::MysqlConfig;
use chat_conformance::fixtures::{text, user};
use chat_conformance::proxy::Proxy;
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::values::PageQuery;
use chat_domain::RepoError;

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
    let (conversation, sender) = (ConversationId::new(), UserId::new());
    let alice = user("alice");
    store.users.create(&alice).await.unwrap();
    let first = store
        .messages
        .append(text(conversation, sender, "m1", "before"))
        .await;
    assert_eq!(first.unwrap().message.seq.get(), 1);

    proxy.cut();
    let send = store
        .messages
        .append(text(conversation, sender, "m2", "during"));
    let sent = tokio::time::timeout(Duration::from_secs(10), send).await;
    assert!(
        matches!(sent, Ok(Err(RepoError::Unavailable(_)))),
        "a send while down is refused in time, never acked: {sent:?}"
    );
    let read = store
        .messages
        .page(conversation, PageQuery::default())
        .await;
    assert!(matches!(read, Err(RepoError::Unavailable(_))), "{read:?}");
    let lookup = store.users.get(alice.id).await;
    assert!(
        matches!(lookup, Err(RepoError::Unavailable(_))),
        "{lookup:?}"
    );

    proxy.restore();
    // The client retries its refused send with the same client_msg_id.
    let mut retried = None;
    for _ in 0..20 {
        match store
            .messages
            .append(text(conversation, sender, "m2", "during"))
            .await
        {
            Ok(a) => {
                retried = Some(a);
                break;
            }
            Err(RepoError::Unavailable(_)) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(e) => panic!("{e}"),
        }
    }
    let retried = retried.expect("the pool recovers without a restart");
    assert!(retried.created, "the refused send was not stored");
    assert_eq!(retried.message.seq.get(), 2);
    let third = store
        .messages
        .append(text(conversation, sender, "m3", "after"))
        .await;
    assert_eq!(third.unwrap().message.seq.get(), 3);
    let history = store
        .messages
        .page(conversation, PageQuery::default())
        .await
        .unwrap();
    let bodies: Vec<_> = history.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["before", "during", "after"]);
    assert_eq!(store.users.get(alice.id).await.unwrap(), alice);
}
