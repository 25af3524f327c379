//! The seed's hybrid layout as a conformance harness: a database store for accounts and
//! conversations, TXT files for messages. `reopen` closes both and opens them afresh from
//! what is stored.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Mutex;

use async_trait::async_trait;

use chat_adapter_txt::TxtConfig;
use chat_conformance::{Storage, StorageHarness};

/// A directory removed with everything in it when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> Self {
        let p = std::env::temp_dir().join(format!("chat-hybrid-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&p).unwrap();
        Self(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Opens the database half on `D` (a test database or schema).
pub type OpenDb<D> = for<'a> fn(&'a D) -> Pin<Box<dyn Future<Output = Storage> + Send + 'a>>;

/// Database metadata on `D`, TXT messages in a directory of their own.
pub struct Hybrid<D> {
    storage: Mutex<Option<Storage>>,
    open_db: OpenDb<D>,
    dir: TempDir,
    // Dropped last: the stores above close first.
    db: D,
}

async fn open<D>(open_db: OpenDb<D>, db: &D, dir: &Path) -> Storage {
    chat_adapter_txt::open_beside(open_db(db).await, dir, TxtConfig::default()).unwrap()
}

impl<D: Send + Sync> Hybrid<D> {
    pub async fn new(db: D, open_db: OpenDb<D>) -> Self {
        let dir = TempDir::new();
        let storage = open(open_db, &db, &dir.0).await;
        Self {
            storage: Mutex::new(Some(storage)),
            open_db,
            dir,
            db,
        }
    }
}

#[async_trait]
impl<D: Send + Sync> StorageHarness for Hybrid<D> {
    async fn open(&self) -> Storage {
        self.storage.lock().unwrap().clone().unwrap()
    }

    async fn reopen(&self) -> Storage {
        let old = self.storage.lock().unwrap().take().unwrap();
        old.close().await;
        drop(old);
        let storage = open(self.open_db, &self.db, &self.dir.0).await;
        *self.storage.lock().unwrap() = Some(storage.clone());
        storage
    }
}
