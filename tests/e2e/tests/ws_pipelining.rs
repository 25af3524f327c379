//! A client that writes many frames without waiting for answers: every frame is
//! answered, in the order sent; sends keep their order in seqs and in delivery, on the
//! memory store and on the TXT store (which commits a run of sends together).

mod support;

use std::path::PathBuf;

use serde_json::json;

use support::*;

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn pipelined_frames_are_answered_in_order(s: &Server) {
    let (alice, bob) = (s.user("alice").await, s.user("bob").await);
    let g = s.group(&alice, "g", &[&bob]).await;
    let mut a = s.ws(&alice).await;
    let mut b = s.ws(&bob).await;

    let send = |n: usize, cid: &str, body: &str| {
        json!({"type": "send", "req": format!("r{n}"), "conversation_id": g,
               "client_msg_id": cid, "body": body})
    };
    let mut frames = Vec::new();
    for n in 0..60 {
        frames.push(match n {
            // A send that fails its checks, a retry of an earlier frame's message, and
            // frames of other kinds in the middle of the run.
            10 => send(n, "c10", "   "),
            20 => send(n, "c5", "a retry of frame 5"),
            30 => json!({"type": "ping", "req": "r30"}),
            40 => json!({"type": "read", "req": "r40", "conversation_id": g, "seq": 3}),
            _ => send(n, &format!("c{n}"), &format!("body {n}")),
        });
    }
    a.pipeline(&frames).await;

    let mut seqs = Vec::new();
    for n in 0..60 {
        // Events (alice's own read receipt) may come between the replies.
        let reply = loop {
            let f = a.next().await;
            if f.get("req").is_some() {
                break f;
            }
        };
        assert_eq!(
            reply["req"],
            format!("r{n}"),
            "replies in frame order: {reply}"
        );
        let want = match n {
            10 => "error",
            30 => "pong",
            40 => "ok",
            _ => "ack",
        };
        assert_eq!(reply["type"], want, "{reply}");
        if want == "ack" {
            seqs.push((n, reply["message"]["seq"].as_u64().unwrap()));
        }
    }
    let seq_of = |n| seqs.iter().find(|(m, _)| *m == n).map(|(_, s)| *s);
    assert_eq!(
        seq_of(20),
        seq_of(5),
        "the retry answers with the stored message"
    );
    let new: Vec<u64> = seqs
        .iter()
        .filter(|(n, _)| *n != 20)
        .map(|(_, s)| *s)
        .collect();
    assert_eq!(
        new,
        (1..=56).collect::<Vec<u64>>(),
        "seqs follow frame order"
    );

    let mut delivered = Vec::new();
    while delivered.len() < 56 {
        let m = b.next_of("message").await;
        delivered.push((
            m["message"]["seq"].as_u64().unwrap(),
            m["message"]["body"].as_str().unwrap().to_owned(),
        ));
    }
    let bodies: Vec<String> = (0..60)
        .filter(|n| ![10, 20, 30, 40].contains(n))
        .map(|n| format!("body {n}"))
        .collect();
    assert_eq!(
        delivered,
        (1..=56).zip(bodies).collect::<Vec<_>>(),
        "each delivered once, in seq order"
    );
    b.silent_for(std::time::Duration::from_millis(300), &["presence"])
        .await;
}

#[tokio::test]
async fn pipelined_frames_are_answered_in_order_on_the_memory_store() {
    let s = Server::start().await;
    pipelined_frames_are_answered_in_order(&s).await;
}

#[tokio::test]
async fn pipelined_frames_are_answered_in_order_on_the_txt_store() {
    let dir = TempDir(
        std::env::temp_dir().join(format!("chat-pipelining-{}", uuid::Uuid::new_v4().simple())),
    );
    let data = dir.0.clone();
    let s = Server::start_with(move |c| {
        c.store = chat_server::Store::Txt;
        c.data_dir = data;
    })
    .await;
    pipelined_frames_are_answered_in_order(&s).await;
}
