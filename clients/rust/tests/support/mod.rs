//! A chat-server in this process on the memory store, and accounts on it.
#![allow(dead_code)]

use std::net::SocketAddr;

use chat_client::Api;
use chat_protocol::http::RegisterRequest;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

pub const PW: &str = "correct horse battery";

/// A running server; `stop` ends it.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// Listens on 127.0.0.1:0 with limits loose enough for one client doing a lot.
    pub async fn start() -> Self {
        let mut config = chat_server::Config::with_addr("127.0.0.1:0".parse().unwrap());
        config.store = chat_server::Store::Memory;
        config.chat.rate_limit_max = 100_000;
        config.chat.max_connections_per_user = 1_000;
        let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let node = chat_server::build(&config).await.unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            chat_server::serve_node(node, &config, listener, async {
                let _ = stopped.await;
            })
            .await;
        });
        Self { addr, stop, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Registers `names` and signs each in: (id, an API with their token).
    pub async fn people(&self, names: &[&str]) -> Vec<(Uuid, Api)> {
        let api = Api::new(&self.url());
        let mut people = Vec::new();
        for name in names {
            let body = RegisterRequest {
                username: (*name).into(),
                password: PW.into(),
                display_name: None,
                challenge: None,
            };
            let id = api.register(&body).await.unwrap().id;
            people.push((id, api.with_token(api.login(name, PW).await.unwrap().token)));
        }
        people
    }

    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}
