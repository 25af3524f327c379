//! The Rust client library under chaos against real `chat-server` processes: three
//! clients, each through its own TCP proxy that cuts its connections every 50-500 ms,
//! send into one group and their direct conversations while a server is killed with
//! SIGKILL half-way and started again on the same data. At the end every client's
//! timeline of every conversation equals the server's history exactly, nothing showed
//! twice, each send is stored once and acked once. On TXT (one node), and on MySQL
//! with Redis (two nodes, and Redis cut off and back meanwhile).

mod scenario;
#[path = "../multi_node/support.rs"]
mod support;

use std::net::SocketAddr;
use std::time::Duration;

use chat_conformance::proxy::Proxy;
use support::{services_on, Backend, Node};

fn free_port() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

/// Generous limits: every client shares one address, and cut sockets linger a moment.
const LIMITS: [(&str, &str); 3] = [
    ("CHAT_RATE_LIMIT_MAX", "100000"),
    ("CHAT_AUTH_RATE_LIMIT_MAX", "1000"),
    ("CHAT_MAX_CONNECTIONS_PER_USER", "1000"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_txt_with_a_kill_9() {
    let dir = std::env::temp_dir().join(format!(
        "chat-client-chaos-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let addr = free_port();
    let (addr_s, dir_s) = (addr.to_string(), dir.display().to_string());
    let env: Vec<(&str, &str)> = [
        ("CHAT_STORE", "txt"),
        ("CHAT_DATA_DIR", dir_s.as_str()),
        ("CHAT_ADDR", addr_s.as_str()),
    ]
    .into_iter()
    .chain(LIMITS)
    .collect();
    let node = Node::spawn(&env).await;
    let report = scenario::run([addr; 3], [true; 3], async move {
        node.kill9().await;
        Node::spawn(&env).await
    })
    .await;
    println!("TXT, one node: {report}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_mysql_and_redis_across_two_nodes() {
    let Some((db, prefix)) = services_on(Backend::Mysql).await else {
        return;
    };
    // Shared with the fault, and alive to the end: a dropped proxy stays cut.
    let redis = std::sync::Arc::new(Proxy::in_front_of(prefix.url(), 6379).await.unwrap());
    let redis_url = redis.url_through(prefix.url());
    let (a, b) = (free_port(), free_port());
    let env = |addr: SocketAddr| {
        let mut env: Vec<(&'static str, String)> = db.env(&db.url());
        env.extend([
            ("CHAT_REDIS_URL", redis_url.clone()),
            ("CHAT_REDIS_PREFIX", prefix.prefix().to_owned()),
            ("CHAT_ADDR", addr.to_string()),
        ]);
        env.extend(LIMITS.map(|(k, v)| (k, v.to_owned())));
        env
    };
    let (env_a, env_b) = (env(a), env(b));
    let borrowed = |e: &[(&'static str, String)]| -> Vec<(&'static str, String)> { e.to_vec() };
    let spawn = |e: Vec<(&'static str, String)>| async move {
        let e: Vec<(&str, &str)> = e.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Node::spawn(&e).await
    };
    let node_a = spawn(borrowed(&env_a)).await;
    let _node_b = spawn(borrowed(&env_b)).await;
    let cutter = redis.clone();
    let report = scenario::run([a, a, b], [true, true, false], async move {
        // Redis goes away and comes back while node A dies and restarts.
        cutter.cut();
        node_a.kill9().await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        cutter.restore();
        spawn(env_a).await
    })
    .await;
    println!("MySQL + Redis, two nodes: {report}");
}
