//! State equivalence: a seeded run of random actions (sends, edits, recalls, reactions,
//! reads on another device, mutes, joins, removals, leaves, new groups) around a client
//! whose connection is cut now and then. Afterwards the client's state, built only from
//! its events, equals what a fresh full sync and full histories say. The seed is printed;
//! `CHAT_EQUIVALENCE_SEED=<n>` replays a run.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chat_client::{Api, Client, Event, MemoryStore};
use chat_conformance::proxy::Proxy;
use chat_protocol::http::{CreateConversation, HistoryQuery};
use chat_protocol::objects::{Message, SyncedConversation};
use support::TestServer;
use uuid::Uuid;

mod support;

const ACTIONS: usize = 300;

/// What the client knows, from its events alone.
#[derive(Default)]
struct Known {
    conversations: BTreeMap<Uuid, SyncedConversation>,
    timelines: HashMap<Uuid, BTreeMap<u64, Message>>,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

async fn history(api: &Api, conv: Uuid) -> BTreeMap<u64, Message> {
    let mut all = BTreeMap::new();
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
        all.extend(page.into_iter().map(|m| (m.seq, m)));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_client_fed_by_events_ends_where_a_fresh_sync_does() {
    let seed: u64 = std::env::var("CHAT_EQUIVALENCE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("state equivalence: seed {seed} (CHAT_EQUIVALENCE_SEED={seed} replays it)");
    let mut rng = Rng(seed);

    let server = TestServer::start().await;
    let addr = server.addr;
    let people = server.people(&["bob", "alice", "carol"]).await;
    let bob = people[0].0;
    // Bob's second device acts over HTTP; his client listens through a proxy.
    let proxy = Proxy::start(addr).await.unwrap();
    let token = people[0].1.token().unwrap().to_owned();
    let (client, mut events) = Client::connect(
        &format!("http://{}", proxy.addr()),
        &token,
        Arc::new(MemoryStore::default()),
    )
    .await
    .unwrap();
    let known = Arc::new(Mutex::new(Known::default()));
    let k = known.clone();
    tokio::spawn(async move {
        while let Some(e) = events.next().await {
            let mut k = k.lock().unwrap();
            match e {
                Event::Conversation(c) => {
                    k.conversations.insert(c.summary.conversation.id, *c);
                }
                Event::Left(id) => {
                    k.conversations.remove(&id);
                    k.timelines.remove(&id);
                }
                Event::Message(m) | Event::Updated(m) => {
                    k.timelines
                        .entry(m.conversation_id)
                        .or_default()
                        .insert(m.seq, *m);
                }
                Event::Acked { message, .. } => {
                    k.timelines
                        .entry(message.conversation_id)
                        .or_default()
                        .insert(message.seq, message);
                }
                _ => {}
            }
        }
    });

    // Groups alice owns (bob in some), and every message's (conversation, seq, sender).
    let mut groups: Vec<Uuid> = Vec::new();
    let mut sent: Vec<(Uuid, u64, usize)> = Vec::new();
    let direct = CreateConversation::Direct {
        peer_id: people[1].0,
    };
    let d = people[0]
        .1
        .create_conversation(&direct)
        .await
        .unwrap()
        .conversation
        .id;
    let mut convs = vec![d];
    for n in 0..ACTIONS {
        let pick = rng.next(100);
        let conv = convs[rng.next(convs.len())];
        let actor = rng.next(3);
        let result = match pick {
            0..=39 => {
                let body = format!("message {n}");
                if actor == 0 && rng.next(2) == 0 {
                    client
                        .send_text(conv, &format!("c{n}"), &body)
                        .await
                        .map(|m| sent.push((conv, m.seq, 0)))
                } else {
                    let req = chat_protocol::http::SendRequest::text(&format!("h{n}"), &body);
                    people[actor]
                        .1
                        .send(conv, &req)
                        .await
                        .map(|m| sent.push((conv, m.seq, actor)))
                }
            }
            40..=64 if !sent.is_empty() => {
                let (c, seq, who) = sent[rng.next(sent.len())];
                match pick {
                    40..=49 => people[who]
                        .1
                        .edit(c, seq, &format!("edit {n}"))
                        .await
                        .map(drop),
                    50..=54 => people[who].1.recall(c, seq).await.map(drop),
                    _ => people[actor]
                        .1
                        .react(c, seq, ["👍", "🎉", "❤️"][rng.next(3)], None)
                        .await
                        .map(drop),
                }
            }
            65..=74 => {
                let last = people[0]
                    .1
                    .conversation(conv)
                    .await
                    .map(|c| c.conversation.last_seq)
                    .unwrap_or(0);
                people[0]
                    .1
                    .read(conv, last.saturating_sub(rng.next(3) as u64))
                    .await
            }
            75..=79 => people[0].1.mute(conv, rng.next(2) == 0).await,
            80..=84 => {
                let body = CreateConversation::Group {
                    title: format!("g{n}"),
                    member_ids: vec![bob, people[2].0],
                };
                let g = people[1]
                    .1
                    .create_conversation(&body)
                    .await
                    .unwrap()
                    .conversation
                    .id;
                groups.push(g);
                convs.push(g);
                Ok(())
            }
            85..=94 if !groups.is_empty() => {
                let g = groups[rng.next(groups.len())];
                match rng.next(3) {
                    0 => people[1].1.add_member(g, bob).await,
                    1 => people[1].1.remove_member(g, bob).await,
                    _ => people[0].1.remove_member(g, bob).await,
                }
            }
            _ => {
                proxy.cut();
                proxy.restore();
                Ok(())
            }
        };
        // Refusals are part of the game (a removed member sends, a recall twice, …).
        let _ = result;
    }

    // A last reconnect catches the client up on what only sync tells (mutes, reads).
    proxy.cut();
    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let full = people[0].1.sync(None, Some(500)).await.unwrap();
        let mut fresh = BTreeMap::new();
        for c in full.conversations {
            fresh.insert(c.summary.conversation.id, c);
        }
        let mut histories = HashMap::new();
        for &id in fresh.keys() {
            histories.insert(id, history(&people[0].1, id).await);
        }
        let same = {
            let k = known.lock().unwrap();
            let timelines_match = fresh
                .keys()
                .all(|id| k.timelines.get(id).cloned().unwrap_or_default() == histories[id]);
            k.conversations == fresh && timelines_match
        };
        if same {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the client's state never matched a fresh sync (seed {seed})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    client.close().await;
    server.stop().await;
}
