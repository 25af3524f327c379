//! A chat-server on an ephemeral port for the writer and the replay.

use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use chat_app::RegisterUser;
use chat_domain::entities::UserRole;
use chat_server::Config;

use crate::scenario::PASSWORD;
use chat_blackbox::Target as Client;

/// A running server.
pub struct Running {
    /// A client of it.
    pub client: Client,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

/// The configuration both use: sessions that outlive any test run, no rate limits in
/// the way of a scripted client.
pub fn config() -> Config {
    let mut c = Config::with_addr("127.0.0.1:0".parse().expect("an address"));
    c.chat.token_ttl = Duration::from_secs(100 * 365 * 24 * 3600);
    c.chat.rate_limit_max = 1_000_000;
    c.chat.auth_rate_limit_max = 1_000_000;
    c
}

/// Starts a server; with `admin`, first creates alice, the admin.
pub async fn start(config: Config, admin: bool) -> Running {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("an address");
    let node = chat_server::build(&config).await.expect("the store opens");
    if admin {
        let alice = RegisterUser {
            role: UserRole::Admin,
            ..RegisterUser::new("alice", PASSWORD)
        };
        node.app.register_user(alice).await.expect("alice");
    }
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        chat_server::serve_node(node, &config, listener, async {
            let _ = stopped.await;
        })
        .await;
    });
    Running {
        client: Client::new(format!("http://{addr}")),
        stop,
        task,
    }
}

impl Running {
    /// Stops the server and waits until its store is closed.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(20), self.task)
            .await
            .expect("the server stops")
            .expect("the server task ends cleanly");
    }
}
