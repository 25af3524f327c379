use async_trait::async_trait;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use chat_domain::entities::FileMeta;
use chat_domain::ids::{ConversationId, FileId, UserId};
use chat_domain::ports::{FileStore, FileUpload, NewFile, Released};
use chat_domain::RepoError;

use crate::lock;

struct Stored {
    meta: FileMeta,
    bytes: Vec<u8>,
    references: BTreeSet<ConversationId>,
}

/// [`FileStore`] in memory.
#[derive(Default)]
pub struct MemoryFiles(Mutex<HashMap<FileId, Stored>>, Mutex<HashMap<FileId, u64>>);

fn missing(id: FileId) -> RepoError {
    RepoError::NotFound(format!("file {id}"))
}

/// An upload into [`MemoryFiles`]: the bytes gather in memory, where they are kept.
struct MemoryUpload<'a> {
    store: &'a MemoryFiles,
    bytes: Vec<u8>,
}

#[async_trait]
impl FileUpload for MemoryUpload<'_> {
    async fn write(&mut self, chunk: &[u8]) -> Result<(), RepoError> {
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    async fn finish(self: Box<Self>, meta: FileMeta) -> Result<FileMeta, RepoError> {
        let file = NewFile {
            meta,
            bytes: self.bytes,
        };
        self.store.save(file).await
    }
}

#[async_trait]
impl FileStore for MemoryFiles {
    async fn begin(&self) -> Result<Box<dyn FileUpload + '_>, RepoError> {
        Ok(Box::new(MemoryUpload {
            store: self,
            bytes: Vec::new(),
        }))
    }

    async fn save(&self, file: NewFile) -> Result<FileMeta, RepoError> {
        let meta = file.meta;
        let mut files = lock(&self.0);
        if files.contains_key(&meta.id) {
            return Err(RepoError::Conflict(format!("file {} exists", meta.id)));
        }
        files.insert(
            meta.id,
            Stored {
                meta: meta.clone(),
                bytes: file.bytes,
                references: BTreeSet::new(),
            },
        );
        Ok(meta)
    }

    async fn usage(&self, user: UserId) -> Result<u64, RepoError> {
        let files = lock(&self.0);
        Ok(files
            .values()
            .filter(|f| f.meta.uploaded_by == user)
            .map(|f| f.meta.size)
            .sum())
    }

    async fn meta(&self, id: FileId) -> Result<Option<FileMeta>, RepoError> {
        Ok(lock(&self.0).get(&id).map(|f| f.meta.clone()))
    }

    async fn read(&self, id: FileId, start: u64, end: u64) -> Result<Vec<u8>, RepoError> {
        let files = lock(&self.0);
        let f = files.get(&id).ok_or_else(|| missing(id))?;
        let len = f.bytes.len();
        let (start, end) = ((start as usize).min(len), (end as usize).min(len));
        Ok(f.bytes[start..end.max(start)].to_vec())
    }

    async fn add_reference(
        &self,
        id: FileId,
        conversation: ConversationId,
    ) -> Result<(), RepoError> {
        let mut files = lock(&self.0);
        let f = files.get_mut(&id).ok_or_else(|| missing(id))?;
        f.references.insert(conversation);
        if let Some(mark) = lock(&self.1).get_mut(&id) {
            *mark += 1;
        }
        Ok(())
    }

    async fn references(&self, id: FileId) -> Result<Vec<ConversationId>, RepoError> {
        Ok(lock(&self.0)
            .get(&id)
            .map(|f| f.references.iter().copied().collect())
            .unwrap_or_default())
    }

    async fn release(&self, id: FileId) -> Result<(), RepoError> {
        lock(&self.1).entry(id).or_insert(0);
        Ok(())
    }

    async fn released(&self) -> Result<Vec<Released>, RepoError> {
        Ok(lock(&self.1)
            .iter()
            .map(|(id, mark)| Released {
                id: *id,
                mark: *mark,
            })
            .collect())
    }

    async fn settle(
        &self,
        released: Released,
        unreferenced: &[ConversationId],
        delete: bool,
    ) -> Result<bool, RepoError> {
        // Files before releases, as add_reference takes them: one order, no deadlock.
        let mut files = lock(&self.0);
        let mut due = lock(&self.1);
        if due.get(&released.id).is_some_and(|m| *m != released.mark) {
            return Ok(false);
        }
        if delete {
            files.remove(&released.id);
        } else if let Some(f) = files.get_mut(&released.id) {
            for c in unreferenced {
                f.references.remove(c);
            }
        }
        due.remove(&released.id);
        Ok(true)
    }
}
