//! Real `chat-server` processes sharing one SQL database (MySQL or PostgreSQL) and one
//! Redis prefix, and small HTTP and WebSocket clients for them.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::process::Stdio;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use chat_adapter_mysql::testing::TestDatabase;
use chat_adapter_postgres::testing::TestSchema;
use chat_adapter_redis::testing::TestPrefix;
use chat_conformance::services::unreachable_service;
use chat_domain::ids::{ConversationId, UserId};
use mysql_async::prelude::Queryable;

pub const PASSWORD: &str = "password-123";
const WAIT: Duration = Duration::from_secs(5);

/// Which SQL store the nodes share.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Backend {
    Mysql,
    Postgres,
}

/// A throwaway database of either SQL store, dropped with this value.
pub enum Sql {
    Mysql(TestDatabase),
    Postgres(TestSchema),
}

impl Sql {
    /// A fresh one on `backend`'s test server, or `None` (skipped) if it is away.
    pub async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Mysql => {
                let url = chat_adapter_mysql::testing::test_server_url();
                match TestDatabase::create(&url).await {
                    Ok(db) => Some(Sql::Mysql(db)),
                    Err(e) => unreachable_service("MySQL", &format!("{url}: {e}")),
                }
            }
            Backend::Postgres => {
                let url = chat_adapter_postgres::testing::test_server_url();
                match TestSchema::create(&url).await {
                    Ok(schema) => Some(Sql::Postgres(schema)),
                    Err(e) => unreachable_service("PostgreSQL", &format!("{url}: {e}")),
                }
            }
        }
    }

    pub fn url(&self) -> String {
        match self {
            Sql::Mysql(db) => db.url(),
            Sql::Postgres(schema) => schema.url(),
        }
    }

    /// The port its URL defaults to.
    pub fn default_port(&self) -> u16 {
        match self {
            Sql::Mysql(_) => 3306,
            Sql::Postgres(_) => 5432,
        }
    }

    /// The server's settings for this store at `url` (this one's, or a proxy's).
    pub fn env(&self, url: &str) -> Vec<(&'static str, String)> {
        match self {
            Sql::Mysql(_) => vec![
                ("CHAT_STORE", "mysql".into()),
                ("CHAT_MYSQL_URL", url.into()),
                ("CHAT_MYSQL_ACQUIRE_TIMEOUT", "1s".into()),
            ],
            Sql::Postgres(_) => vec![
                ("CHAT_STORE", "postgres".into()),
                ("CHAT_POSTGRES_URL", url.into()),
                ("CHAT_POSTGRES_ACQUIRE_TIMEOUT", "1s".into()),
            ],
        }
    }
}

/// The storage ports on `db`, as the server opens them.
pub async fn open_store(db: &Sql) -> chat_domain::ports::Storage {
    use chat_server::stores::{open, StoreSpec};
    let store = match db {
        Sql::Mysql(_) => chat_server::Store::Mysql,
        Sql::Postgres(_) => chat_server::Store::Postgres,
    };
    let spec = StoreSpec::only(store, std::path::PathBuf::new(), Some(db.url()), false);
    open(&spec).await.expect("the store opens")
}

/// Writes `n` text messages (seqs 1..=n) into `conv` straight into the store's own tables
/// (for benchmarks: the append path is not what they measure).
pub async fn fill_history(db: &Sql, conv: ConversationId, sender: UserId, n: u64) {
    match db {
        Sql::Postgres(schema) => {
            let (client, connection) =
                tokio_postgres::connect(&schema.url(), tokio_postgres::NoTls)
                    .await
                    .unwrap();
            tokio::spawn(connection);
            let n = n as i64;
            client
                .execute(
                    "INSERT INTO messages (conversation_id, seq, id, sender_id, kind, body, \
                     created_at) SELECT $1, g, gen_random_uuid(), $2, 'text', \
                     'history message ' || g || ', 你好', now() FROM generate_series(1, $3::bigint) g",
                    &[conv.as_uuid(), sender.as_uuid(), &n],
                )
                .await
                .unwrap();
            client
                .execute(
                    "INSERT INTO message_counters (conversation_id, last_seq) VALUES ($1, $2)",
                    &[conv.as_uuid(), &n],
                )
                .await
                .unwrap();
            client.batch_execute("ANALYZE messages").await.unwrap();
        }
        Sql::Mysql(database) => {
            let mut conn = mysql_async::Conn::from_url(database.url()).await.unwrap();
            // Six joined digit tables count to a million, in chunks of 100,000.
            let digits = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 \
                          UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL \
                          SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            let chunk = 100_000u64;
            for start in (0..n).step_by(chunk as usize) {
                let count = chunk.min(n - start);
                conn.exec_drop(
                    format!(
                        "INSERT INTO messages (conversation_id, seq, id, sender_id, kind, body, \
                         created_at) SELECT ?, s, UNHEX(REPLACE(UUID(), '-', '')), ?, 'text', \
                         CONCAT('history message ', s, ', 你好'), UTC_TIMESTAMP(6) FROM \
                         (SELECT ? + 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + \
                         10000 * f.d AS s FROM {digits} a, {digits} b, {digits} c, {digits} e, \
                         {digits} f) n WHERE s <= ? + ?"
                    ),
                    (*conv.as_uuid(), *sender.as_uuid(), start, start, count),
                )
                .await
                .unwrap();
            }
            conn.exec_drop(
                "INSERT INTO message_counters (conversation_id, last_seq) VALUES (?, ?)",
                (*conv.as_uuid(), n),
            )
            .await
            .unwrap();
            conn.query_drop("ANALYZE TABLE messages").await.unwrap();
            conn.disconnect().await.unwrap();
        }
    }
}

/// A fresh database of `backend` and a Redis prefix, or `None` (skipped) if either is away.
pub async fn services_on(backend: Backend) -> Option<(Sql, TestPrefix)> {
    let db = Sql::create(backend).await?;
    let redis = chat_adapter_redis::testing::test_server_url();
    match TestPrefix::new(&redis).await {
        Ok(p) => Some((db, p)),
        Err(e) => unreachable_service("Redis", &format!("{redis}: {e}")),
    }
}

/// One server process.
pub struct Node {
    pub child: Child,
    pub addr: String,
}

impl Node {
    /// Starts the binary on `db` and Redis at `redis_url` under `prefix`, pinging
    /// every second (so presence expires after 1.5 s without heartbeats).
    pub async fn start(db: &Sql, redis_url: &str, prefix: &str, extra: &[(&str, &str)]) -> Self {
        let sql = db.env(&db.url());
        let mut env: Vec<(&str, &str)> = sql.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.extend([
            ("CHAT_REDIS_URL", redis_url),
            ("CHAT_REDIS_PREFIX", prefix),
            ("CHAT_PING_INTERVAL", "1s"),
        ]);
        env.extend_from_slice(extra);
        Self::spawn(&env).await
    }

    /// Starts the binary on an ephemeral port with `env` (later entries win), and waits
    /// until it listens.
    pub async fn spawn(env: &[(&str, &str)]) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_chat-server"));
        cmd.env("CHAT_ADDR", "127.0.0.1:0")
            .env("CHAT_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("chat-server starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some(rest) = line.split("addr=").nth(1) {
                    return rest.split_whitespace().next().unwrap().to_owned();
                }
            }
            panic!("chat-server exited before listening");
        })
        .await
        .expect("chat-server announces its address");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self { child, addr }
    }

    /// SIGKILL: the process gets no chance to clean up.
    pub async fn kill9(mut self) {
        self.child.kill().await.unwrap();
    }

    /// An HTTP call; returns the status and the JSON body (null if none).
    pub async fn http(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> (u16, Value) {
        let mut s = tokio::net::TcpStream::connect(&self.addr).await.unwrap();
        let body = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        let auth = token
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        let (head, json) = out.split_once("\r\n\r\n").expect("a response");
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, serde_json::from_str(json).unwrap_or(Value::Null))
    }

    /// Registers `name` (through this node) and logs in; returns (token, user id).
    pub async fn user(&self, name: &str) -> (String, String) {
        let creds = json!({"username": name, "password": PASSWORD});
        let (status, _) = self
            .http("POST", "/api/v1/users", None, creds.clone())
            .await;
        assert_eq!(status, 201);
        self.login(name).await
    }

    pub async fn login(&self, name: &str) -> (String, String) {
        let creds = json!({"username": name, "password": PASSWORD});
        let (status, s) = self.http("POST", "/api/v1/sessions", None, creds).await;
        assert_eq!(status, 200, "{s}");
        (
            s["token"].as_str().unwrap().to_owned(),
            s["user_id"].as_str().unwrap().to_owned(),
        )
    }

    pub async fn ws(&self, token: &str) -> Ws {
        let mut req = format!("ws://{}/ws", self.addr)
            .into_client_request()
            .unwrap();
        req.headers_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
        let (ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
        let (tx, mut rx) = ws.split();
        let (frames_tx, frames) = mpsc::unbounded_channel();
        // Reads all the time, so pings are answered (and presence heartbeats flow) even
        // while the test is busy elsewhere.
        tokio::spawn(async move {
            while let Some(Ok(m)) = rx.next().await {
                if let Message::Text(t) = m {
                    if frames_tx
                        .send(serde_json::from_str::<Value>(&t).unwrap())
                        .is_err()
                    {
                        return;
                    }
                }
            }
        });
        let mut ws = Ws {
            tx,
            frames,
            backlog: VecDeque::new(),
        };
        assert_eq!(ws.next().await["type"], "ready");
        ws
    }
}

type Sink = futures_util::stream::SplitSink<
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
    Message,
>;

pub struct Ws {
    tx: Sink,
    frames: mpsc::UnboundedReceiver<Value>,
    backlog: VecDeque<Value>,
}

impl Ws {
    pub async fn send(&mut self, frame: Value) {
        self.tx
            .send(Message::Text(frame.to_string().into()))
            .await
            .unwrap();
    }

    pub async fn next(&mut self) -> Value {
        match self.backlog.pop_front() {
            Some(v) => v,
            None => self.recv().await,
        }
    }

    /// The next frame off the socket (not the backlog).
    async fn recv(&mut self) -> Value {
        tokio::time::timeout(WAIT, self.frames.recv())
            .await
            .unwrap_or_else(|_| panic!("a frame within 5 s; kept {:?}", self.backlog))
            .expect("the socket is open")
    }

    /// The next frame of type `ty`, keeping the others for later reads.
    pub async fn next_of(&mut self, ty: &str) -> Value {
        if let Some(i) = self.backlog.iter().position(|f| f["type"] == ty) {
            return self.backlog.remove(i).unwrap();
        }
        loop {
            let f = self.recv().await;
            if f["type"] == ty {
                return f;
            }
            self.backlog.push_back(f);
        }
    }

    /// The next `message` frame, checked to be `body`.
    pub async fn message(&mut self, body: &str) -> Value {
        let m = self.next_of("message").await;
        assert_eq!(m["message"]["body"], body, "{m}");
        m
    }

    /// Sends `frame` with request id `req` and waits for the reply carrying it.
    pub async fn request(&mut self, mut frame: Value, req: &str) -> Value {
        frame["req"] = json!(req);
        self.send(frame).await;
        loop {
            let f = self.recv().await;
            if f["req"] == req {
                return f;
            }
            self.backlog.push_back(f);
        }
    }
}

pub fn send(conversation: &str, client_id: &str, body: &str) -> Value {
    json!({"type": "send", "conversation_id": conversation, "client_msg_id": client_id,
           "kind": "text", "body": body})
}
