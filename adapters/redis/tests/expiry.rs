//! Presence expiry on Redis: a node that stops sending heartbeats (it died) has its
//! connections aged out, and each departure is announced by exactly one node.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Duration as Span;

use chat_adapter_redis::testing::{test_server_url, TestPrefix};
use chat_adapter_redis::RedisConfig;
use chat_conformance::fixtures::t0;
use chat_conformance::services::unreachable_service;
use chat_domain::entities::PresenceStatus;
use chat_domain::ids::{ConnectionId, UserId};
use chat_domain::ports::Live;
use chat_domain::ports::{PresenceChange, PresenceTransition as T};

const TTL: Duration = Duration::from_secs(20);

async fn prefix() -> Option<TestPrefix> {
    let url = test_server_url();
    match TestPrefix::new(&url).await {
        Ok(p) => Some(p),
        Err(e) => unreachable_service("Redis", &format!("{url}: {e}")),
    }
}

async fn node(p: &TestPrefix) -> Live {
    let config = RedisConfig {
        prefix: p.prefix().to_owned(),
        presence_ttl: TTL,
        ..RedisConfig::new(p.url())
    };
    chat_adapter_redis::connect(&config).await.unwrap()
}

#[tokio::test]
async fn a_silent_connection_ages_out_once_and_records_its_last_heartbeat() {
    let Some(p) = prefix().await else { return };
    let (a, b) = (node(&p).await, node(&p).await);
    let (u, c) = (UserId::new(), ConnectionId::new());
    assert_eq!(a.presence.connect(u, c, t0()).await.unwrap(), T::CameOnline);
    let beat = t0() + Span::seconds(15);
    assert_eq!(
        a.presence.heartbeat(u, c, beat).await.unwrap(),
        T::Unchanged
    );

    // Node a dies here. Before the expiry nothing goes; after it, one node sees it go.
    let due = beat + Span::from_std(TTL).unwrap();
    assert_eq!(
        b.presence.expire(due - Span::seconds(1)).await.unwrap(),
        vec![]
    );
    assert_eq!(
        b.presence.expire(due + Span::seconds(1)).await.unwrap(),
        vec![PresenceChange {
            user_id: u,
            status: PresenceStatus::Offline,
            last_seen: Some(beat)
        }]
    );
    assert_eq!(
        b.presence.expire(due + Span::seconds(2)).await.unwrap(),
        vec![]
    );
    let seen = &b.presence.get(&[u]).await.unwrap()[0];
    assert_eq!(
        (seen.status, seen.last_seen),
        (PresenceStatus::Offline, Some(beat))
    );
    assert_eq!(b.presence.live_connections().await.unwrap(), 0);

    // A late heartbeat (a node that was cut off, not dead) brings the user back.
    let back = due + Span::seconds(3);
    assert_eq!(
        a.presence.heartbeat(u, c, back).await.unwrap(),
        T::CameOnline
    );
    assert_eq!(
        b.presence.get(&[u]).await.unwrap()[0].status,
        PresenceStatus::Online
    );
}

#[tokio::test]
async fn a_user_with_another_live_device_does_not_go_offline_when_one_ages_out() {
    let Some(p) = prefix().await else { return };
    let (a, b) = (node(&p).await, node(&p).await);
    let u = UserId::new();
    let (dead, alive) = (ConnectionId::new(), ConnectionId::new());
    a.presence.connect(u, dead, t0()).await.unwrap();
    b.presence.connect(u, alive, t0()).await.unwrap();
    let later = t0() + Span::from_std(TTL).unwrap() + Span::seconds(1);
    b.presence
        .heartbeat(u, alive, later - Span::seconds(2))
        .await
        .unwrap();
    assert_eq!(b.presence.expire(later).await.unwrap(), vec![]);
    let now = &b.presence.get(&[u]).await.unwrap()[0];
    assert_eq!((now.status, now.connections), (PresenceStatus::Online, 1));
    // Its own last device leaving is the one departure.
    assert_eq!(
        b.presence.disconnect(u, alive, later).await.unwrap(),
        T::WentOffline
    );
    assert_eq!(
        a.presence.expire(later + Span::seconds(60)).await.unwrap(),
        vec![]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nodes_sweeping_together_announce_each_departure_exactly_once() {
    let Some(p) = prefix().await else { return };
    let dying = node(&p).await;
    let users: Vec<UserId> = (0..300).map(|_| UserId::new()).collect();
    for u in &users {
        for _ in 0..2 {
            dying
                .presence
                .connect(*u, ConnectionId::new(), t0())
                .await
                .unwrap();
        }
    }
    drop(dying);
    let mut sweepers = Vec::new();
    for _ in 0..4 {
        sweepers.push(Arc::new(node(&p).await));
    }
    let after = t0() + Span::from_std(TTL).unwrap() + Span::seconds(1);
    let mut runs = Vec::new();
    for s in &sweepers {
        let s = s.clone();
        runs.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = s.presence.expire(after).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch.into_iter().map(|c| c.user_id));
            }
        }));
    }
    let mut announced: HashMap<UserId, usize> = HashMap::new();
    for r in runs {
        for u in r.await.unwrap() {
            *announced.entry(u).or_default() += 1;
        }
    }
    assert_eq!(announced.len(), users.len(), "every user went offline");
    assert!(
        announced.values().all(|n| *n == 1),
        "and each was announced once"
    );
}
