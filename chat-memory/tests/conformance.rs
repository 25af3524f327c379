//! The conformance suite against the memory adapters.

use async_trait::async_trait;
use std::sync::Arc;

use chat_conformance::{Live, LiveHarness, Storage, StorageHarness};
use chat_memory::{
    MemoryConversations, MemoryEventBus, MemoryMessages, MemoryPresence, MemoryRateLimiter,
    MemorySessions, MemoryUsers,
};

struct MemoryStorage(Storage);

impl MemoryStorage {
    fn new() -> Self {
        Self(Storage {
            users: Arc::new(MemoryUsers::default()),
            sessions: Arc::new(MemorySessions::default()),
            conversations: Arc::new(MemoryConversations::default()),
            messages: Arc::new(MemoryMessages::default()),
        })
    }
}

#[async_trait]
impl StorageHarness for MemoryStorage {
    async fn open(&self) -> Storage {
        self.0.clone()
    }
}

/// One node: every `node()` call hands out the same in-process state.
struct MemoryLive(Live);

impl MemoryLive {
    fn new() -> Self {
        Self(Live {
            presence: Arc::new(MemoryPresence::default()),
            events: Arc::new(MemoryEventBus::default()),
            rate_limiter: Arc::new(MemoryRateLimiter::default()),
        })
    }
}

#[async_trait]
impl LiveHarness for MemoryLive {
    async fn node(&self) -> Live {
        self.0.clone()
    }
}

chat_conformance::storage_conformance!(async { Some(MemoryStorage::new()) });
chat_conformance::live_conformance!(async { Some(MemoryLive::new()) });
