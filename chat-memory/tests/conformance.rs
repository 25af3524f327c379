//! The conformance suite against the memory adapters.

use async_trait::async_trait;

use chat_conformance::{Live, LiveHarness, Storage, StorageHarness};

struct MemoryStorage(Storage);

#[async_trait]
impl StorageHarness for MemoryStorage {
    async fn open(&self) -> Storage {
        self.0.clone()
    }
}

/// One node: every `node()` call hands out the same in-process state.
struct MemoryLive(Live);

#[async_trait]
impl LiveHarness for MemoryLive {
    async fn node(&self) -> Live {
        self.0.clone()
    }
}

chat_conformance::storage_conformance!(async { Some(MemoryStorage(chat_memory::storage())) });
chat_conformance::live_conformance!(async { Some(MemoryLive(chat_memory::live())) });
