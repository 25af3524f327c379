//! Threads, pins and forwards through the library: a thread reply and a forward sent by
//! the sync engine (acked once, as any send), then the thread, the followed-threads list,
//! a thread's standing and the pins read back through `Api`.

use std::sync::Arc;

use chat_client::{Client, MemoryStore, PendingSend};
use chat_protocol::http::{CreateConversation, HistoryQuery, ThreadsQuery};
use chat_protocol::objects::ForwardRequest;
use support::TestServer;

mod support;

fn from_start() -> HistoryQuery {
    HistoryQuery {
        before_seq: None,
        after_seq: Some(0),
        limit: Some(100),
        top_level: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thread_replies_and_forwards_go_through_the_engine_and_read_back() {
    let server = TestServer::start().await;
    let people = server.people(&["alice", "bob"]).await;
    let (alice, (bob_id, bob)) = (&people[0].1, (people[1].0, &people[1].1));
    let group = CreateConversation::Group {
        title: "team".into(),
        member_ids: vec![bob_id],
    };
    let g = alice.create_conversation(&group).await.unwrap();
    let g = g.conversation.id;
    let direct = CreateConversation::Direct { peer_id: bob_id };
    let d = alice.create_conversation(&direct).await.unwrap();
    let d = d.conversation.id;
    let token = alice.token().unwrap().to_owned();
    let (client, _events) =
        Client::connect(&server.url(), &token, Arc::new(MemoryStore::default()))
            .await
            .unwrap();

    let root = client.send_text(g, "r1", "lunch?").await.unwrap();
    let mut reply = PendingSend::text(g, "t1", "noon works");
    reply.thread_root = Some(root.seq);
    let mut bob_reply = chat_protocol::http::SendRequest::text("b1", "me too");
    bob_reply.thread_root = Some(root.seq);
    let mut forward = PendingSend::text(d, "f1", "");
    forward.forward = Some(ForwardRequest {
        conversation_id: g,
        seq: root.seq,
    });
    let reply = client.send(reply).await.unwrap();
    assert_eq!(reply.thread_root, Some(root.seq));
    bob.send(g, &bob_reply).await.unwrap();
    let forwarded = client.send(forward).await.unwrap();
    assert_eq!(forwarded.body.as_deref(), Some("lunch?"));
    let from = forwarded.forwarded.expect("a forward says whose it was");
    assert_eq!(from.sender_id, people[0].0);

    let thread: Vec<_> = alice.thread(g, root.seq, &from_start()).await.unwrap();
    let bodies: Vec<_> = thread.iter().map(|m| m.body.clone().unwrap()).collect();
    assert_eq!(bodies, ["noon works", "me too"]);
    let top = HistoryQuery {
        top_level: Some(true),
        ..from_start()
    };
    let top: Vec<u64> = alice
        .history(g, &top)
        .await
        .unwrap()
        .iter()
        .map(|m| m.seq)
        .collect();
    assert_eq!(top, [root.seq], "replies are left out of the top level");

    // Alice wrote the root and replied: she follows it, bob's reply unread.
    let unread = ThreadsQuery {
        unread: Some(true),
        limit: None,
    };
    let listed = alice.threads(&unread).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].root.seq, listed[0].unread), (root.seq, 1));
    assert_eq!(listed[0].root.thread.as_ref().unwrap().replies, 2);
    let last = thread.last().unwrap().seq;
    alice.read_thread(g, root.seq, last).await.unwrap();
    assert!(alice.threads(&unread).await.unwrap().is_empty());
    alice.follow_thread(g, root.seq, false).await.unwrap();
    let standing = alice.thread_standing(g, root.seq).await.unwrap();
    assert_eq!(
        (standing.following, standing.read_seq, standing.unread),
        (false, last, 0)
    );

    alice.pin(g, root.seq, true).await.unwrap();
    let pins = bob.pins(g).await.unwrap();
    assert_eq!(pins.iter().map(|m| m.seq).collect::<Vec<_>>(), [root.seq]);
    assert_eq!(pins[0].pinned_by, Some(people[0].0));
    alice.pin(g, root.seq, false).await.unwrap();
    assert!(bob.pins(g).await.unwrap().is_empty());
    client.close().await;
    server.stop().await;
}
