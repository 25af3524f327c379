//! The chaos run itself, on any deployment: the clients' upstreams and a fault that
//! kills a server and brings it back.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chat_client::{Api, Client, Event, MemoryStore};
use chat_conformance::proxy::Proxy;
use chat_protocol::http::{CreateConversation, HistoryQuery, RegisterRequest};
use chat_protocol::objects::Message;
use uuid::Uuid;

use crate::support::Node;

const PW: &str = "correct horse battery";
const SENDS: usize = 300;
const CHAOS: Duration = Duration::from_secs(20);

/// A client's view: each conversation's messages by seq, and how often one showed again.
#[derive(Default)]
struct Seen {
    timelines: HashMap<Uuid, BTreeMap<u64, Message>>,
    twice: usize,
    acked: Vec<String>,
    cuts_survived: usize,
    caught_up: Vec<Instant>,
}

fn record(seen: &Arc<Mutex<Seen>>, mut events: chat_client::Events) {
    let seen = seen.clone();
    tokio::spawn(async move {
        while let Some(e) = events.next().await {
            let mut s = seen.lock().unwrap();
            match e {
                Event::Message(m) => {
                    let line = s.timelines.entry(m.conversation_id).or_default();
                    if line.insert(m.seq, *m).is_some() {
                        s.twice += 1;
                    }
                }
                Event::Updated(m) => {
                    s.timelines
                        .entry(m.conversation_id)
                        .or_default()
                        .insert(m.seq, *m);
                }
                Event::Acked { client_msg_id, .. } => s.acked.push(client_msg_id),
                Event::Disconnected(_) => s.cuts_survived += 1,
                Event::CaughtUp => s.caught_up.push(Instant::now()),
                _ => {}
            }
        }
    });
}

async fn user(api: &Api, name: &str) -> (Uuid, String) {
    let body = RegisterRequest {
        username: name.into(),
        password: PW.into(),
        display_name: None,
        challenge: None,
    };
    let id = api.register(&body).await.unwrap().id;
    (id, api.login(name, PW).await.unwrap().token)
}

async fn history(api: &Api, conv: Uuid) -> Vec<Message> {
    let mut all = Vec::new();
    loop {
        let q = HistoryQuery {
            before_seq: None,
            after_seq: Some(all.len() as u64),
            limit: Some(100),
            top_level: None,
        };
        let page = api.history(conv, &q).await.unwrap();
        if page.is_empty() {
            return all;
        }
        all.extend(page);
    }
}

/// Runs the scenario with client `i` behind a proxy in front of `upstreams[i]`; `fault`
/// runs half-way (the node it returns stays up to the end) and restarts the node of the
/// clients marked in `killed`. Returns the figures.
pub async fn run(
    upstreams: [SocketAddr; 3],
    killed: [bool; 3],
    fault: impl Future<Output = Node>,
) -> String {
    let addr = upstreams[0];
    let direct_api = Api::new(&format!("http://{addr}"));
    let names = ["alice", "bob", "carol"];
    let mut people = Vec::new();
    for n in names {
        people.push(user(&direct_api, n).await);
    }
    let as_user = |i: usize| direct_api.with_token(&people[i].1);
    let group = CreateConversation::Group {
        title: "chaos".into(),
        member_ids: vec![people[1].0, people[2].0],
    };
    let g = as_user(0)
        .create_conversation(&group)
        .await
        .unwrap()
        .conversation
        .id;
    let mut directs = HashMap::new();
    for (a, b) in [(0, 1), (1, 2), (0, 2)] {
        let body = CreateConversation::Direct {
            peer_id: people[b].0,
        };
        let d = as_user(a)
            .create_conversation(&body)
            .await
            .unwrap()
            .conversation
            .id;
        directs.insert((a, b), d);
    }

    let mut clients = Vec::new();
    let mut proxies = Vec::new();
    let mut seen = Vec::new();
    for (i, (_, token)) in people.iter().enumerate() {
        let proxy = Proxy::start(upstreams[i]).await.unwrap();
        let base = format!("http://{}", proxy.addr());
        let (client, events) = Client::connect(&base, token, Arc::new(MemoryStore::default()))
            .await
            .unwrap();
        let s = Arc::new(Mutex::new(Seen::default()));
        record(&s, events);
        seen.push(s);
        clients.push(Arc::new(client));
        proxies.push(Arc::new(proxy));
        let _ = i;
    }

    // Chaos: each proxy cuts its client's connections at random, until told to stop.
    let started = Instant::now();
    let mut chaos = Vec::new();
    for (i, proxy) in proxies.iter().enumerate() {
        let proxy = proxy.clone();
        chaos.push(tokio::spawn(async move {
            let mut cuts = 0u32;
            let mut x = 0x9E37_79B9_7F4A_7C15u64 ^ (i as u64 + 1);
            while started.elapsed() < CHAOS {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                tokio::time::sleep(Duration::from_millis(50 + x % 450)).await;
                proxy.cut();
                proxy.restore();
                cuts += 1;
            }
            cuts
        }));
    }

    // Sends: each client to the group and to each of its directs in turn, pipelined.
    let mut senders = Vec::new();
    for (i, client) in clients.iter().enumerate() {
        let client = client.clone();
        let mine: Vec<Uuid> = std::iter::once(g)
            .chain(
                directs
                    .iter()
                    .filter(|((a, b), _)| *a == i || *b == i)
                    .map(|(_, d)| *d),
            )
            .collect();
        senders.push(tokio::spawn(async move {
            let mut pending = Vec::new();
            for n in 0..SENDS {
                let conv = mine[n % mine.len()];
                let id = format!("{i}-{n}");
                let body = format!("client {i} message {n}");
                let client = client.clone();
                pending.push(tokio::spawn(async move {
                    client.send_text(conv, &id, &body).await
                }));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let mut stored = Vec::new();
            for p in pending {
                stored.push(p.await.unwrap().expect("every send is acked"));
            }
            stored
        }));
    }

    // Half-way: the fault (a server killed with SIGKILL and started again).
    tokio::time::sleep(CHAOS / 2).await;
    let faulted = Instant::now();
    let _restarted = fault.await;
    let listening = Instant::now();
    let back = faulted.elapsed();

    let mut stored = Vec::new();
    for s in senders {
        stored.push(s.await.unwrap());
    }
    let mut cuts = 0;
    for c in chaos {
        cuts += c.await.unwrap();
    }
    let calm = Instant::now();

    // Edits, then wait until every client shows what the server holds.
    let first = stored[0][0].clone();
    let owner = as_user(people.iter().position(|p| p.0 == first.sender_id).unwrap());
    owner
        .edit(first.conversation_id, first.seq, "edited under chaos")
        .await
        .unwrap();
    let mut expected: HashMap<Uuid, Vec<Message>> = HashMap::new();
    for conv in std::iter::once(g).chain(directs.values().copied()) {
        expected.insert(
            conv,
            history(
                &as_user(0).with_token(&people[member_of(conv, g, &directs)].1),
                conv,
            )
            .await,
        );
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    for (i, s) in seen.iter().enumerate() {
        loop {
            let done = {
                let s = s.lock().unwrap();
                expected
                    .iter()
                    .filter(|(conv, _)| in_conversation(i, **conv, g, &directs))
                    .all(|(conv, msgs)| {
                        let line: Vec<&Message> = s
                            .timelines
                            .get(conv)
                            .map(|l| l.values().collect())
                            .unwrap_or_default();
                        line.len() == msgs.len() && line.iter().zip(msgs).all(|(a, b)| *a == b)
                    })
            };
            if done {
                break;
            }
            assert!(Instant::now() < deadline, "client {i} never caught up");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let caught_up = calm.elapsed();

    // Each send stored once; each ack shown once.
    let total: usize = expected.values().map(Vec::len).sum();
    assert_eq!(total, 3 * SENDS);
    for msgs in expected.values() {
        let seqs: Vec<u64> = msgs.iter().map(|m| m.seq).collect();
        assert_eq!(
            seqs,
            (1..=msgs.len() as u64).collect::<Vec<_>>(),
            "gap-free"
        );
    }
    let mut ids: Vec<&str> = expected
        .values()
        .flatten()
        .filter_map(|m| m.client_msg_id.as_deref())
        .collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "no send stored twice");
    let mut twice = 0;
    for s in &seen {
        let s = s.lock().unwrap();
        twice += s.twice;
        let mut acked = s.acked.clone();
        assert_eq!(acked.len(), SENDS, "each send acked once");
        acked.sort_unstable();
        acked.dedup();
        assert_eq!(acked.len(), SENDS);
    }
    assert_eq!(twice, 0, "nothing shown twice");
    let survived: usize = seen.iter().map(|s| s.lock().unwrap().cuts_survived).sum();
    // From the restarted node listening to each of its clients caught up again.
    let mut again: Vec<Duration> = seen
        .iter()
        .zip(killed)
        .filter(|(_, k)| *k)
        .filter_map(|(s, _)| {
            let s = s.lock().unwrap();
            s.caught_up
                .iter()
                .find(|t| **t > listening)
                .map(|t| *t - listening)
        })
        .collect();
    again.sort_unstable();
    let p50 = again[again.len() / 2];
    let p99 = again[again.len() - 1];
    for c in clients {
        if let Ok(c) = Arc::try_unwrap(c) {
            c.close().await;
        }
    }
    format!(
        "{cuts} connection cuts, {survived} disconnects seen, {} messages sent, \
         {twice} duplicates, 0 gaps; the server listened again {back:?} after the kill; \
         its clients caught up {p50:?} (p50), {p99:?} (p99) after that (each: {again:?}); \
         every timeline complete {caught_up:?} after the cuts stopped",
        3 * SENDS,
    )
}

fn in_conversation(i: usize, conv: Uuid, g: Uuid, directs: &HashMap<(usize, usize), Uuid>) -> bool {
    conv == g
        || directs
            .iter()
            .any(|((a, b), d)| *d == conv && (*a == i || *b == i))
}

fn member_of(conv: Uuid, g: Uuid, directs: &HashMap<(usize, usize), Uuid>) -> usize {
    if conv == g {
        return 0;
    }
    directs
        .iter()
        .find(|(_, d)| **d == conv)
        .map_or(0, |((a, _), _)| *a)
}
