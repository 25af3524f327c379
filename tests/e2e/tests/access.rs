//! Access, property-style: random users, memberships and operations (a seeded run; set
//! `CHAT_ACCESS_SEED` to replay one). Every frame any socket receives and every HTTP
//! answer is checked: nobody sees a message, change, receipt, typing notice, member
//! event or presence of a conversation they are not in, and no write by a non-member
//! succeeds.

mod support;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use http::StatusCode;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use support::{frames, Outgoing, Server, User};

const USERS: usize = 6;
const STEPS: usize = 400;

/// xorshift64*: small, seedable, enough for choosing operations.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

type Sink = futures_util::stream::SplitSink<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    Message,
>;

/// A user's socket: events go to the shared log, replies to `replies`.
struct Socket {
    tx: Sink,
    replies: mpsc::UnboundedReceiver<Value>,
    next_req: u64,
}

async fn connect(
    s: &Server,
    who: usize,
    user: &User,
    log: Arc<Mutex<Vec<(usize, Value)>>>,
) -> Socket {
    let mut req = format!("ws://{}/ws", s.addr).into_client_request().unwrap();
    req.headers_mut().insert(
        "authorization",
        format!("Bearer {}", user.token).parse().unwrap(),
    );
    let (ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
    let (tx, mut rx) = ws.split();
    let (reply_tx, replies) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(Ok(m)) = rx.next().await {
            let Message::Text(t) = m else { continue };
            let f: Value = serde_json::from_str(&t).unwrap();
            if f.get("req").is_some_and(|r| !r.is_null()) {
                let _ = reply_tx.send(f);
            } else {
                log.lock().unwrap().push((who, f));
            }
        }
    });
    Socket {
        tx,
        replies,
        next_req: 0,
    }
}

impl Socket {
    async fn send(&mut self, frame: impl Outgoing) -> String {
        self.next_req += 1;
        let req = self.next_req.to_string();
        let mut frame = frame.into_value();
        frame["req"] = json!(req);
        self.tx
            .send(Message::Text(frame.to_string().into()))
            .await
            .unwrap();
        req
    }

    /// Sends `frame` and waits for its reply (replies to earlier frames that got none
    /// in time, such as a refused typing notice, are skipped).
    async fn request(&mut self, frame: impl Outgoing) -> Value {
        let req = self.send(frame).await;
        loop {
            let f = tokio::time::timeout(Duration::from_secs(5), self.replies.recv())
                .await
                .unwrap()
                .unwrap();
            if f["req"] == req.as_str() {
                return f;
            }
        }
    }
}

/// What the server has said so far, as the test saw it.
#[derive(Default)]
struct Model {
    convs: Vec<String>,
    members: HashMap<String, BTreeSet<usize>>,
    /// Everyone who was ever a member: events racing a removal may still arrive.
    ever: HashMap<String, BTreeSet<usize>>,
    /// (conversation, seq) → who was a member when it was sent.
    sent: HashMap<(String, u64), BTreeSet<usize>>,
    /// (conversation, seq) → who was a member when it was changed, over every change.
    changed: HashMap<(String, u64), BTreeSet<usize>>,
    /// Who has sent in a conversation since they (last) joined it.
    senders: HashMap<String, BTreeSet<usize>>,
    /// Everyone who ever sent in a conversation: presence events racing a removal.
    ever_senders: HashMap<String, BTreeSet<usize>>,
}

impl Model {
    /// Message `seq` of `c` changed: its members now get `message_updated` for it.
    fn changed_for_members(&mut self, c: &str, seq: u64) {
        let now = self.members[c].clone();
        self.changed
            .entry((c.to_owned(), seq))
            .or_default()
            .extend(now);
    }

    fn is_member(&self, c: &str, u: usize) -> bool {
        self.members.get(c).is_some_and(|m| m.contains(&u))
    }
    fn set(&mut self, c: &str, members: BTreeSet<usize>) {
        if !self.convs.iter().any(|x| x == c) {
            self.convs.push(c.to_owned());
        }
        self.ever.entry(c.to_owned()).or_default().extend(&members);
        // Leaving forgets having sent: a member who rejoins shares no presence until
        // they send again.
        self.senders
            .entry(c.to_owned())
            .or_default()
            .retain(|u| members.contains(u));
        self.members.insert(c.to_owned(), members);
    }
    fn sent(&mut self, c: &str, u: usize) {
        self.senders.entry(c.to_owned()).or_default().insert(u);
        self.ever_senders.entry(c.to_owned()).or_default().insert(u);
    }
    /// Whose presence `a` may see now: those who share a conversation with `a` in which
    /// both have sent since joining.
    fn presence_contacts(&self, a: usize) -> BTreeSet<usize> {
        let mut out: BTreeSet<usize> = self
            .senders
            .values()
            .filter(|s| s.contains(&a))
            .flatten()
            .copied()
            .collect();
        out.insert(a);
        out
    }
    /// Whether a presence event about `b` may reach `a` (an upper bound: events race).
    fn may_see_presence(&self, a: usize, b: usize) -> bool {
        a == b
            || self
                .ever_senders
                .values()
                .any(|m| m.contains(&a) && m.contains(&b))
    }
}

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
                let r = if rng.below(2) == 0 && peer != u {
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
                assert!(r.status.is_success(), "{at}: {}", r.text);
                let members = r.json["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| who(m["user_id"].as_str().unwrap()))
                    .collect();
                model.set(r.json["id"].as_str().unwrap(), members);
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
                let seq = 1 + rng.below(5) as u64;
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
                    let frame = match rng.below(3) {
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
            }
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Every event any socket got was for a conversation its user is or was in.
    let log = log.lock().unwrap();
    let mut checked = 0;
    for (u, f) in log.iter() {
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
        "{STEPS} steps, {} conversations, {checked} event frames checked",
        model.convs.len()
    );
    // Seeds vary (50 to 180 frames in 400 steps); none checks nothing.
    assert!(checked >= STEPS / 10, "the run produced events to check");
}
