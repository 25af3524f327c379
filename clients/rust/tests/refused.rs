//! Sends the server refuses: each fails once, and none holds back later acks or gets
//! sent again; one no socket would carry (over 64 KiB) is refused before it is queued.

use std::sync::Arc;

use chat_client::{Client, MemoryStore};
use chat_protocol::http::{CreateConversation, HistoryQuery};
use chat_protocol::ErrorCode;
use support::TestServer;

mod support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_sends_fail_once_and_hold_nothing_back() {
    let server = TestServer::start().await;
    let people = server.people(&["alice", "bob"]).await;
    let alice = &people[0].1;
    let direct = CreateConversation::Direct {
        peer_id: people[1].0,
    };
    let d = alice
        .create_conversation(&direct)
        .await
        .unwrap()
        .conversation
        .id;
    let token = people[1].1.token().unwrap().to_owned();
    let (client, _events) =
        Client::connect(&server.url(), &token, Arc::new(MemoryStore::default()))
            .await
            .unwrap();

    let too_long = "x".repeat(6000); // over 5000 characters: the server refuses it
    let (refused, fine) = tokio::join!(
        client.send_text(d, "long", &too_long),
        client.send_text(d, "fine", "fine")
    );
    assert_eq!(refused.unwrap_err().code(), Some(ErrorCode::TooLarge));
    assert_eq!(fine.unwrap().body.as_deref(), Some("fine"));
    let huge = "x".repeat(70_000);
    let early = client.send_text(d, "huge", &huge).await.unwrap_err();
    assert_eq!(early.code(), Some(ErrorCode::TooLarge));

    let q = HistoryQuery {
        before_seq: None,
        after_seq: Some(0),
        limit: Some(100),
        top_level: None,
    };
    let bodies: Vec<Option<String>> = alice
        .history(d, &q)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.body)
        .collect();
    assert_eq!(bodies, [Some("fine".to_owned())]);
    client.close().await;
    server.stop().await;
}
