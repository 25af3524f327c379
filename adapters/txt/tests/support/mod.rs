//! A TXT store in a fresh temporary directory, removed afterwards.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chat_adapter_txt::TxtConfig;
use chat_conformance::Storage;

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        let p =
            std::env::temp_dir().join(format!("chat-txt-{tag}-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&p).unwrap();
        Self(p)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One store per test; `reopen` closes it and opens the directory again, as a restarted
/// process would.
pub struct Harness {
    pub store: Mutex<Option<Storage>>,
    pub config: TxtConfig,
    pub reopen_on_read: bool,
    pub dir: TempDir,
}

impl Harness {
    pub fn new(reopen_on_read: bool, config: TxtConfig) -> Self {
        let dir = TempDir::new("conf");
        let store = chat_adapter_txt::open(dir.path(), config.clone()).unwrap();
        Self {
            store: Mutex::new(Some(store)),
            config,
            reopen_on_read,
            dir,
        }
    }
}

#[async_trait::async_trait]
impl chat_conformance::StorageHarness for Harness {
    async fn open(&self) -> Storage {
        self.store.lock().unwrap().clone().unwrap()
    }

    /// Closes the store (as a process that stops does; handles still held by the check
    /// stop working) and opens the directory again.
    async fn reopen(&self) -> Storage {
        if !self.reopen_on_read {
            return self.open().await;
        }
        let old = self.store.lock().unwrap().take().unwrap();
        old.close().await;
        drop(old);
        let store = chat_adapter_txt::open(self.dir.path(), self.config.clone()).unwrap();
        *self.store.lock().unwrap() = Some(store.clone());
        store
    }
}
