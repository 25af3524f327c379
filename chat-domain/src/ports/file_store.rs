use async_trait::async_trait;

use crate::entities::FileMeta;
use crate::ids::{ConversationId, FileId};
use crate::RepoError;

/// An upload on its way into the store: the bytes and what the core found out about them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    /// The description to store, complete: its `sha256` and `size` describe `bytes`.
    pub meta: FileMeta,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Keeps uploaded files and which conversations reference them.
#[async_trait]
pub trait FileStore: Send + Sync {
    /// Stores a file whole, or not at all: a crash part-way leaves nothing visible under
    /// its id. Returns the description as stored.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if the id is taken; [`RepoError::Unavailable`] if the
    /// bytes could not be stored durably.
    async fn save(&self, file: NewFile) -> Result<FileMeta, RepoError>;

    /// The description of a file, if stored.
    async fn meta(&self, id: FileId) -> Result<Option<FileMeta>, RepoError>;

    /// Bytes `start..end` of a file (`end` past the size reads to the end).
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if there is no such file.
    async fn read(&self, id: FileId, start: u64, end: u64) -> Result<Vec<u8>, RepoError>;

    /// Records that a message in `conversation` references the file, so its members may
    /// read it. Recording it twice changes nothing.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if there is no such file.
    async fn add_reference(
        &self,
        id: FileId,
        conversation: ConversationId,
    ) -> Result<(), RepoError>;

    /// The conversations whose messages reference the file.
    async fn references(&self, id: FileId) -> Result<Vec<ConversationId>, RepoError>;
}
