//! The presence, event-bus and rate-limit checks against a real Redis. Each `node()` is
//! a separate node (its own clients, its own channel) on the test's key prefix, so the
//! checks that use two nodes cross between them.

use std::sync::Mutex;

use async_trait::async_trait;

use chat_adapter_redis::testing::{test_server_url, TestPrefix};
use chat_adapter_redis::RedisConfig;
use chat_conformance::services::unreachable_service;
use chat_conformance::{Live, LiveHarness};

struct Harness {
    // Nodes stay up until the test ends; then the prefix's keys go.
    nodes: Mutex<Vec<Live>>,
    prefix: TestPrefix,
}

impl Harness {
    async fn new() -> Option<Self> {
        let url = test_server_url();
        match TestPrefix::new(&url).await {
            Ok(prefix) => Some(Self {
                nodes: Mutex::new(Vec::new()),
                prefix,
            }),
            Err(e) => unreachable_service("Redis", &format!("{url}: {e}")),
        }
    }
}

#[async_trait]
impl LiveHarness for Harness {
    async fn node(&self) -> Live {
        let config = RedisConfig {
            prefix: self.prefix.prefix().to_owned(),
            ..RedisConfig::new(self.prefix.url())
        };
        let node = chat_adapter_redis::connect(&config).await.expect("connect");
        self.nodes.lock().unwrap().push(node.clone());
        node
    }
}

chat_conformance::live_conformance!(Harness::new());
