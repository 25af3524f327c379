//! Access, property-style: random users, memberships and operations (a seeded run; set
//! `CHAT_ACCESS_SEED` to replay one). Every frame any socket receives and every HTTP
//! answer is checked: nobody sees a message, change, receipt, typing notice, member
//! event or presence of a conversation they are not in, and no write by a non-member
//! succeeds. Blocks, reports and removals are among the operations: a blocked user
//! cannot open or write in the blocker's direct conversation (refused as a non-member
//! is), nor show the blocker their presence; only members report; only a moderator's
//! recall of another's message is a removal; only a server admin removes anywhere, and
//! it tells them nothing of the conversation.

mod access_support;
mod support;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::{Method, StatusCode};
use serde_json::{json, Value};

use access_support::{connect, Model, Rng};
use chat_domain::rules::NOT_A_MEMBER;
use support::{frames, Server, User};

const USERS: usize = 6;
const STEPS: usize = 600;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_sees_or_touches_a_conversation_they_are_not_in() {
    let seed = std::env::var("CHAT_ACCESS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("CHAT_ACCESS_SEED={seed}");
    let mut rng = Rng(seed);
    let s = Server::start_with(|c| c.chat.rate_limit_max = 100_000).await;
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut users = Vec::new();
    let mut sockets = Vec::new();
    for i in 0..USERS {
        let u = s.user(&format!("user{i}")).await;
        sockets.push(connect(&s, i, &u, log.clone()).await);
        users.push(u);
    }
    // A server admin in no conversation: removes messages, and must hear nothing.
    let root = s.admin("root").await;
    let _root_socket = connect(&s, USERS, &root, log.clone()).await;
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    let who = |id: &str| ids.iter().position(|x| *x == id).expect("a known user");
    let mut model = Model::default();
    let mut seqs: HashMap<String, u64> = HashMap::new();

    for step in 0..STEPS {
        let u = rng.below(USERS);
        let conv =
            (!model.convs.is_empty()).then(|| model.convs[rng.below(model.convs.len())].clone());
        let at = format!("step {step} (seed {seed}) user{u}");
        match (rng.below(10), conv) {
            (0, _) | (_, None) => {
                let peer = rng.below(USERS);
                let direct = rng.below(2) == 0 && peer != u;
                let r = if direct {
                    s.post(
                        "/api/v1/conversations",
                        Some(&users[u].token),
                        json!({"kind": "direct", "peer_id": ids[peer]}),
                    )
                    .await
                } else {
                    let m: Vec<&str> = (0..USERS)
                        .filter(|_| rng.below(2) == 0)
                        .filter(|x| *x != u)
                        .map(|x| ids[x])
                        .collect();
                    s.post(
                        "/api/v1/conversations",
                        Some(&users[u].token),
                        json!({"kind": "group", "title": "g", "member_ids": m}),
                    )
                    .await
                };
                if direct && model.blocks.contains(&(peer, u)) {
                    model.tried("blocked from opening");
                    assert_eq!(r.status, StatusCode::FORBIDDEN, "{at}: {}", r.text);
                    assert_eq!(
                        r.json["error"]["message"], NOT_A_MEMBER,
                        "{at}: as to anyone"
                    );
                } else {
                    assert!(r.status.is_success(), "{at}: {}", r.text);
                    let members = r.json["members"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|m| who(m["user_id"].as_str().unwrap()))
                        .collect();
                    let id = r.json["id"].as_str().unwrap();
                    model.set(id, members);
                    if direct {
                        model.direct.insert(id.to_owned(), (u, peer));
                    }
                }
            }
            (1, Some(c)) => {
                let x = rng.below(USERS);
                let r = s
                    .post(
                        &format!("/api/v1/conversations/{c}/members"),
                        Some(&users[u].token),
                        json!({"user_id": ids[x]}),
                    )
                    .await;
                if r.status.is_success() {
                    assert!(model.is_member(&c, u), "{at}: a non-member added someone");
                    let mut m = model.members[&c].clone();
                    m.insert(x);
                    model.set(&c, m);
                }
            }
            (2, Some(c)) => {
                let x = if rng.below(2) == 0 {
                    u
                } else {
                    rng.below(USERS)
                };
                let r = s
                    .call(
                        http::Method::DELETE,
                        &format!("/api/v1/conversations/{c}/members/{}", ids[x]),
                        Some(&users[u].token),
                        None,
                    )
                    .await;
                if r.status.is_success() {
                    assert!(model.is_member(&c, u), "{at}: a non-member removed someone");
                    let mut m = model.members[&c].clone();
                    m.remove(&x);
                    model.set(&c, m);
                }
            }
            (3 | 4, Some(c)) => {
                let n = seqs.len();
                let id = format!("m{n}");
                let body = format!("secret {step}");
                // Plain, a reply in a thread, or a forward from any conversation.
                let (frame, source, root) = match rng.below(4) {
                    2 => {
                        let root = 1 + rng.below(5) as u64;
                        (
                            frames::send_in_thread(&c, &id, &body, root),
                            None,
                            Some(root),
                        )
                    }
                    3 => {
                        let src = model.convs[rng.below(model.convs.len())].clone();
                        let seq = 1 + rng.below(5) as u64;
                        (frames::forward(&c, &id, &src, seq), Some(src), None)
                    }
                    _ => (frames::send(&c, &id, &body), None, None),
                };
                let may = model.is_member(&c, u)
                    && !model.blocked_in(&c, u)
                    && source.as_ref().is_none_or(|src| model.is_member(src, u));
                let r = sockets[u].request(frame).await;
                if r["type"] == "ack" {
                    assert!(may, "{at}: a non-member sent or forwarded: {r}");
                    let seq = r["message"]["seq"].as_u64().unwrap();
                    seqs.insert(id, seq);
                    model.sent(&c, u);
                    let now = model.members[&c].clone();
                    model.sent.insert((c.clone(), seq), now.clone());
                    if let Some(root) = root {
                        // The root's summary changed: members then got message_updated.
                        model.changed_for_members(&c, root);
                    }
                    assert!(
                        r["message"]["forwarded"].get("conversation_id").is_none(),
                        "{at}: a forward names its source: {r}"
                    );
                } else if !may {
                    assert_eq!(r["code"], "forbidden", "{at}: {r}");
                    if model.is_member(&c, u) && model.blocked_in(&c, u) {
                        model.tried("blocked from writing");
                        assert_eq!(r["message"], NOT_A_MEMBER, "{at}: as to anyone: {r}");
                    }
                } else {
                    // A member's thread reply or forward may name no such message.
                    assert!(
                        root.is_some() || source.is_some(),
                        "{at}: a member was refused: {r}"
                    );
                    assert_ne!(r["code"], "forbidden", "{at}: {r}");
                }
            }
            (5, Some(c)) => {
                let kind = ["read", "received", "typing"][rng.below(3)];
                let seq = 1 + rng.below(5) as u64;
                let frame = match kind {
                    "read" => frames::read(&c, seq),
                    "received" => frames::received(&c, seq),
                    _ => frames::typing(&c),
                };
                if kind == "typing" {
                    // No reply when relayed.
                    sockets[u].send(frame).await;
                } else {
                    let r = sockets[u].request(frame).await;
                    assert_eq!(
                        r["type"] == "ok",
                        model.is_member(&c, u),
                        "{at}: {kind} -> {r}"
                    );
                }
            }
            (6, Some(c)) => {
                let u = model.pick_actor(&c, u, &mut rng);
                let at = format!("step {step} (seed {seed}) user{u}");
                let seq = model.pick_seq(&c, &mut rng);
                if rng.below(4) == 0 {
                    // A pin or unpin: a change of the message, over HTTP.
                    let path = format!("/api/v1/conversations/{c}/pins");
                    let r = if rng.below(2) == 0 {
                        s.post(&path, Some(&users[u].token), json!({"seq": seq}))
                            .await
                    } else {
                        let path = format!("{path}/{seq}");
                        s.call(http::Method::DELETE, &path, Some(&users[u].token), None)
                            .await
                    };
                    if r.status.is_success() {
                        assert!(model.is_member(&c, u), "{at}: a non-member pinned");
                        model.changed_for_members(&c, seq);
                    } else if !model.is_member(&c, u) {
                        assert_eq!(r.status, StatusCode::FORBIDDEN, "{at}: {}", r.text);
                    }
                } else {
                    let kind = rng.below(3);
                    let recall = kind == 1;
                    let frame = match kind {
                        0 => frames::edit(&c, seq, "changed"),
                        1 => frames::recall(&c, seq),
                        _ => frames::react(&c, seq, "👍", None),
                    };
                    let r = sockets[u].request(frame).await;
                    if r["type"] == "updated" {
                        assert!(
                            model.is_member(&c, u),
                            "{at}: a non-member changed a message"
                        );
                        model.changed_for_members(&c, seq);
                        if recall {
                            model.gone.insert((c.clone(), seq));
                            // Another's message is removed, one's own recalled.
                            let m = &r["message"];
                            let own = m["sender_id"] == ids[u];
                            let by = if own { Value::Null } else { json!(ids[u]) };
                            assert_eq!(m["removed_by"], by, "{at}: {r}");
                            model.tried(if own {
                                "recalled"
                            } else {
                                "removed in a group"
                            });
                        }
                    }
                }
            }
            (7, Some(c)) => {
                let u = model.pick_actor(&c, u, &mut rng);
                let at = format!("step {step} (seed {seed}) user{u}");
                let seq = model.pick_seq(&c, &mut rng);
                let who = Who {
                    u,
                    users: &users,
                    root: &root,
                };
                match rng.below(4) {
                    0 | 1 => block_step(&s, &who, &mut model, rng.below(USERS), &at).await,
                    2 => report_step(&s, &who, &mut model, &c, seq, &at).await,
                    _ => {
                        let by_root = rng.below(2) == 0;
                        remove_step(&s, &who, &mut model, &c, seq, by_root, &at).await
                    }
                }
            }
            (_, Some(c)) => {
                let root = 1 + rng.below(5);
                let paths = [
                    format!("/api/v1/conversations/{c}"),
                    format!("/api/v1/conversations/{c}/messages"),
                    format!("/api/v1/conversations/{c}/changes"),
                    format!("/api/v1/search?q=secret&conversation_id={c}"),
                    format!("/api/v1/conversations/{c}/pins"),
                    format!("/api/v1/conversations/{c}/threads/{root}/messages"),
                ];
                let path = &paths[rng.below(paths.len())];
                let r = s.get(path, &users[u].token).await;
                let member = model.is_member(&c, u);
                // A thread's page is 404 for a root that does not exist.
                let ok = r.status == StatusCode::OK
                    || (path.contains("/threads/") && r.status == StatusCode::NOT_FOUND);
                let want = if member {
                    ok
                } else {
                    r.status == StatusCode::FORBIDDEN
                };
                assert!(want, "{at}: GET {path} -> {} {}", r.status, r.text);
                let follow = format!("/api/v1/conversations/{c}/threads/{root}/follow");
                let r = s.post(&follow, Some(&users[u].token), json!({})).await;
                assert_eq!(
                    r.status == StatusCode::FORBIDDEN,
                    !member,
                    "{at}: POST {follow} -> {} {}",
                    r.status,
                    r.text
                );
                let list = sockets[u]
                    .request(frames::history(&c, None, None, None))
                    .await;
                assert_eq!(list["type"] == "history", member, "{at}: {list}");
            }
        }
        // Lists and searches show the caller's own conversations only.
        if step % 20 == 0 {
            for (i, user) in users.iter().enumerate() {
                let mine: BTreeSet<String> = model
                    .convs
                    .iter()
                    .filter(|c| model.is_member(c, i))
                    .cloned()
                    .collect();
                let r = s.get("/api/v1/conversations", &user.token).await;
                let listed: BTreeSet<String> = r
                    .json
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["id"].as_str().unwrap().to_owned())
                    .collect();
                assert_eq!(listed, mine, "step {step} (seed {seed}): user{i}'s list");
                let found = s
                    .get("/api/v1/search?q=secret&limit=100", &user.token)
                    .await;
                for m in found.json["messages"].as_array().unwrap() {
                    assert!(
                        mine.contains(m["conversation_id"].as_str().unwrap()),
                        "step {step}: user{i} found {m}"
                    );
                }
                let threads = s.get("/api/v1/threads", &user.token).await;
                for t in threads.json["threads"].as_array().unwrap() {
                    assert!(
                        mine.contains(t["conversation_id"].as_str().unwrap()),
                        "step {step}: user{i} follows {t}"
                    );
                }
                let all: Vec<&str> = ids.clone();
                let p = s
                    .get(
                        &format!(
                            "/api/v1/presence?{}",
                            all.iter()
                                .map(|x| format!("user_id={x}"))
                                .collect::<Vec<_>>()
                                .join("&")
                        ),
                        &user.token,
                    )
                    .await;
                let seen: BTreeSet<usize> = p
                    .json
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| who(e["user_id"].as_str().unwrap()))
                    .collect();
                assert_eq!(
                    seen,
                    model.presence_contacts(i),
                    "step {step} (seed {seed}): whose presence user{i} sees"
                );
                let listed: BTreeSet<usize> = s
                    .get("/api/v1/blocks", &user.token)
                    .await
                    .json
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| who(b["id"].as_str().unwrap()))
                    .collect();
                let blocked: BTreeSet<usize> = model
                    .blocks
                    .iter()
                    .filter(|(by, _)| *by == i)
                    .map(|(_, x)| *x)
                    .collect();
                assert_eq!(
                    listed, blocked,
                    "step {step} (seed {seed}): user{i}'s blocks"
                );
            }
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Every event any socket got was for a conversation its user is or was in.
    let log = log.lock().unwrap();
    let mut checked = 0;
    for (u, f) in log.iter() {
        if *u == USERS {
            assert!(
                matches!(f["type"].as_str(), Some("ready" | "pong")),
                "the admin, in no conversation, got {f}"
            );
            continue;
        }
        let conv = f["conversation_id"]
            .as_str()
            .or(f["message"]["conversation_id"].as_str());
        match (f["type"].as_str().unwrap(), conv) {
            (kind @ ("message" | "message_updated"), Some(c)) => {
                let key = (c.to_owned(), f["message"]["seq"].as_u64().unwrap());
                let audience = if kind == "message" {
                    &model.sent
                } else {
                    &model.changed
                };
                assert!(
                    audience.get(&key).is_some_and(|a| a.contains(u)),
                    "user{u} got {f}"
                );
            }
            (_, Some(c)) => assert!(
                model.ever.get(c).is_some_and(|m| m.contains(u)),
                "user{u} got {f}"
            ),
            ("presence", None) => assert!(
                model.may_see_presence(*u, who(f["user_id"].as_str().unwrap())),
                "user{u} got {f}"
            ),
            ("ready" | "pong", None) => {}
            (other, None) => panic!("user{u} got an unexpected {other}: {f}"),
        }
        checked += 1;
    }
    println!(
        "{STEPS} steps, {} conversations, {checked} event frames checked; {:?}",
        model.convs.len(),
        model.tally
    );
    // Seeds vary (50 to 180 frames in 400 steps); none checks nothing.
    assert!(checked >= STEPS / 10, "the run produced events to check");
}

/// Who acts in a step: user `u` of `users`, or the server admin `root`.
struct Who<'a> {
    u: usize,
    users: &'a [User],
    root: &'a User,
}

impl Who<'_> {
    fn token(&self) -> &str {
        &self.users[self.u].token
    }
    fn id(&self, x: usize) -> &str {
        &self.users[x].id
    }
}

/// User `u` blocks or unblocks `x` (themselves: refused).
async fn block_step(s: &Server, who: &Who<'_>, model: &mut Model, x: usize, at: &str) {
    let u = who.u;
    if model.blocks.contains(&(u, x)) {
        let path = format!("/api/v1/blocks/{}", who.id(x));
        let r = s.call(Method::DELETE, &path, Some(who.token()), None).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{at}: {}", r.text);
        model.blocks.remove(&(u, x));
        return;
    }
    let body = json!({"user_id": who.id(x)});
    let r = s.post("/api/v1/blocks", Some(who.token()), body).await;
    if x == u {
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{at}: {}", r.text);
    } else {
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{at}: {}", r.text);
        model.blocks.insert((u, x));
    }
}

/// User `u` reports message `seq` of `c`: members only, once while open; the queue is
/// the admins' alone.
async fn report_step(s: &Server, who: &Who<'_>, model: &mut Model, c: &str, seq: u64, at: &str) {
    let u = who.u;
    let body = json!({"conversation_id": c, "seq": seq, "reason": "abuse"});
    let r = s.post("/api/v1/reports", Some(who.token()), body).await;
    let key = (u, c.to_owned(), seq);
    let want = if !model.is_member(c, u) {
        StatusCode::FORBIDDEN
    } else if !model.sent.contains_key(&(c.to_owned(), seq)) {
        StatusCode::NOT_FOUND
    } else if model.reported.contains(&key) {
        StatusCode::CONFLICT
    } else {
        StatusCode::CREATED
    };
    assert_eq!(r.status, want, "{at}: report {c}/{seq}: {}", r.text);
    model.tried(match want {
        StatusCode::CREATED => "reported",
        StatusCode::FORBIDDEN => "a non-member reporting",
        _ => "a report refused",
    });
    if want == StatusCode::CREATED {
        model.reported.insert(key);
    }
    let queue = s.get("/api/v1/admin/reports", who.token()).await;
    assert_eq!(queue.status, StatusCode::FORBIDDEN, "{at}: {}", queue.text);
}

/// A user (always refused) or the server admin removes message `seq` of `c`.
async fn remove_step(
    s: &Server,
    who: &Who<'_>,
    model: &mut Model,
    c: &str,
    seq: u64,
    by_root: bool,
    at: &str,
) {
    let path = format!("/api/v1/admin/conversations/{c}/messages/{seq}");
    if !by_root {
        let r = s.call(Method::DELETE, &path, Some(who.token()), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{at}: {}", r.text);
        return;
    }
    let key = (c.to_owned(), seq);
    let r = s
        .call(Method::DELETE, &path, Some(&who.root.token), None)
        .await;
    let want = if !model.sent.contains_key(&key) {
        StatusCode::NOT_FOUND
    } else if model.gone.contains(&key) {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    assert_eq!(r.status, want, "{at}: admin removes {c}/{seq}: {}", r.text);
    if want == StatusCode::OK {
        model.tried("removed by an admin");
        assert_eq!(r.json["removed_by"], who.root.id.as_str(), "{at}");
        model.gone.insert(key);
        model.changed_for_members(c, seq);
    }
}
