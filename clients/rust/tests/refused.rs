//! Sends the server refuses: each fails once, and none holds back later acks or gets
//! sent again; one no socket would carry (over 64 KiB) is refused before it is queued.

use std::sync::Arc;

use chat_client::{Api, Client, MemoryStore};
use chat_protocol::http::{CreateConversation, HistoryQuery, RegisterRequest};
use chat_protocol::ErrorCode;
use tokio::sync::oneshot;

const PW: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_sends_fail_once_and_hold_nothing_back() {
    let mut config = chat_server::Config::with_addr("127.0.0.1:0".parse().unwrap());
    config.store = chat_server::Store::Memory;
    let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let node = chat_server::build(&config).await.unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        chat_server::serve_node(node, &config, listener, async {
            let _ = stopped.await;
        })
        .await;
    });
    let api = Api::new(&format!("http://{addr}"));
    let mut people = Vec::new();
    for name in ["alice", "bob"] {
        let body = RegisterRequest {
            username: name.into(),
            password: PW.into(),
            display_name: None,
            challenge: None,
        };
        let id = api.register(&body).await.unwrap().id;
        people.push((id, api.login(name, PW).await.unwrap().token));
    }
    let alice = api.with_token(people[0].1.clone());
    let direct = CreateConversation::Direct {
        peer_id: people[1].0,
    };
    let d = alice
        .create_conversation(&direct)
        .await
        .unwrap()
        .conversation
        .id;
    let (client, _events) = Client::connect(
        &format!("http://{addr}"),
        &people[1].1,
        Arc::new(MemoryStore::default()),
    )
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
    let _ = stop.send(());
    let _ = server.await;
}
