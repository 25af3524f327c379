//! The access property test's parts: a seeded choice of operations, a user's socket,
//! and the model of what the server has said so far.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use crate::support::{Outgoing, Server, User};

/// xorshift64*: small, seedable, enough for choosing operations.
pub struct Rng(pub u64);
impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
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
pub struct Socket {
    tx: Sink,
    replies: mpsc::UnboundedReceiver<Value>,
    next_req: u64,
}

pub async fn connect(
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
    pub async fn send(&mut self, frame: impl Outgoing) -> String {
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
    pub async fn request(&mut self, frame: impl Outgoing) -> Value {
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
pub struct Model {
    pub convs: Vec<String>,
    pub members: HashMap<String, BTreeSet<usize>>,
    /// Everyone who was ever a member: events racing a removal may still arrive.
    pub ever: HashMap<String, BTreeSet<usize>>,
    /// (conversation, seq) → who was a member when it was sent.
    pub sent: HashMap<(String, u64), BTreeSet<usize>>,
    /// (conversation, seq) → who was a member when it was changed, over every change.
    pub changed: HashMap<(String, u64), BTreeSet<usize>>,
    /// Who has sent in a conversation since they (last) joined it.
    pub senders: HashMap<String, BTreeSet<usize>>,
    /// Everyone who ever sent in a conversation: presence events racing a removal.
    pub ever_senders: HashMap<String, BTreeSet<usize>>,
    /// Direct conversations: their two members.
    pub direct: HashMap<String, (usize, usize)>,
    /// Who blocks whom, as (blocker, blocked).
    pub blocks: BTreeSet<(usize, usize)>,
    /// Messages made tombstones (recalled or removed).
    pub gone: BTreeSet<(String, u64)>,
    /// Open reports: (reporter, conversation, seq).
    pub reported: BTreeSet<(usize, String, u64)>,
    /// How often each rule was put to the test, for the run's summary.
    pub tally: std::collections::BTreeMap<&'static str, usize>,
}

impl Model {
    /// Message `seq` of `c` changed: its members now get `message_updated` for it.
    pub fn changed_for_members(&mut self, c: &str, seq: u64) {
        let now = self.members[c].clone();
        self.changed
            .entry((c.to_owned(), seq))
            .or_default()
            .extend(now);
    }

    /// A seq of `c` to act on: one of its messages, or now and then one past the last.
    pub fn pick_seq(&self, c: &str, rng: &mut Rng) -> u64 {
        let top = self
            .sent
            .keys()
            .filter(|(x, _)| x == c)
            .map(|(_, seq)| *seq)
            .max()
            .unwrap_or(0);
        1 + rng.below(top as usize + 1) as u64
    }

    /// Who acts on `c`: half the time one of its members (so that writes are tried by
    /// those who may), else `u`, whoever that is.
    pub fn pick_actor(&self, c: &str, u: usize, rng: &mut Rng) -> usize {
        let members: Vec<usize> = self.members[c].iter().copied().collect();
        if members.is_empty() || rng.below(2) == 0 {
            u
        } else {
            members[rng.below(members.len())]
        }
    }

    /// Counts one test of `rule`.
    pub fn tried(&mut self, rule: &'static str) {
        *self.tally.entry(rule).or_default() += 1;
    }

    pub fn is_member(&self, c: &str, u: usize) -> bool {
        self.members.get(c).is_some_and(|m| m.contains(&u))
    }
    pub fn set(&mut self, c: &str, members: BTreeSet<usize>) {
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
    pub fn sent(&mut self, c: &str, u: usize) {
        self.senders.entry(c.to_owned()).or_default().insert(u);
        self.ever_senders.entry(c.to_owned()).or_default().insert(u);
    }
    /// Whose presence `a` may see now: those who share a conversation with `a` in which
    /// both have sent since joining, less those `a` blocks.
    pub fn presence_contacts(&self, a: usize) -> BTreeSet<usize> {
        let blocked: BTreeSet<usize> = self
            .blocks
            .iter()
            .filter(|(by, _)| *by == a)
            .map(|(_, x)| *x)
            .collect();
        let mut out: BTreeSet<usize> = self
            .senders
            .values()
            .filter(|s| s.contains(&a))
            .flatten()
            .copied()
            .filter(|x| !blocked.contains(x))
            .collect();
        out.insert(a);
        out
    }
    /// Whether `c` is a direct conversation whose other member blocks `u`: then `u`
    /// may not write in it.
    pub fn blocked_in(&self, c: &str, u: usize) -> bool {
        self.direct.get(c).is_some_and(|&(a, b)| {
            let peer = if a == u { b } else { a };
            self.blocks.contains(&(peer, u))
        })
    }
    /// Whether a presence event about `b` may reach `a` (an upper bound: events race).
    pub fn may_see_presence(&self, a: usize, b: usize) -> bool {
        a == b
            || self
                .ever_senders
                .values()
                .any(|m| m.contains(&a) && m.contains(&b))
    }
}
