use async_trait::async_trait;

use crate::entities::FileMeta;
use crate::ids::{ConversationId, FileId, UserId};
use crate::RepoError;

/// An upload on its way into the store: the bytes and what the core found out about them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    /// The description to store, complete: its `sha256` and `size` describe `bytes`.
    pub meta: FileMeta,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// An upload being written, chunk by chunk, so a large file is never held in memory
/// whole. Dropped before [`FileUpload::finish`], it leaves nothing behind.
#[async_trait]
pub trait FileUpload: Send {
    /// Appends bytes.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if they could not be written.
    async fn write(&mut self, chunk: &[u8]) -> Result<(), RepoError>;

    /// Stores what was written as the file `meta` describes (its `size` and `sha256` are
    /// those of the bytes written), durably, whole or not at all, as
    /// [`FileStore::save`] does. Returns the description as stored.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if the id is taken; [`RepoError::Unavailable`] if the
    /// bytes could not be stored durably.
    async fn finish(self: Box<Self>, meta: FileMeta) -> Result<FileMeta, RepoError>;
}

/// A released file (see [`FileStore::release`]) and its mark, which moves whenever a
/// message references the file again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Released {
    /// The file.
    pub id: FileId,
    /// Its mark when listed.
    pub mark: u64,
}

/// Keeps uploaded files and which conversations reference them.
#[async_trait]
pub trait FileStore: Send + Sync {
    /// Starts an upload whose bytes arrive in chunks (see [`FileUpload`]).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot take one now.
    async fn begin(&self) -> Result<Box<dyn FileUpload + '_>, RepoError>;

    /// Stores a file whole, or not at all: a crash part-way leaves nothing visible under
    /// its id. Returns the description as stored.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if the id is taken; [`RepoError::Unavailable`] if the
    /// bytes could not be stored durably.
    async fn save(&self, file: NewFile) -> Result<FileMeta, RepoError>;

    /// Bytes of the files `user` has uploaded, each counted at its size (equal files
    /// stored once still count for each upload): what an upload quota counts.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn usage(&self, user: UserId) -> Result<u64, RepoError>;

    /// Bytes free for new files where the store writes, when it can tell (a local
    /// disk); `None` otherwise. Uploads stop before the disk the messages share fills.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if it cannot be found out although it should be.
    async fn available_bytes(&self) -> Result<Option<u64>, RepoError> {
        Ok(None)
    }

    /// The description of a file, if stored.
    async fn meta(&self, id: FileId) -> Result<Option<FileMeta>, RepoError>;

    /// Bytes `start..end` of a file (`end` past the size reads to the end).
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if there is no such file.
    async fn read(&self, id: FileId, start: u64, end: u64) -> Result<Vec<u8>, RepoError>;

    /// Records that a message in `conversation` references the file, so its members may
    /// read it. Recording it twice changes nothing but the mark of a released file
    /// (see [`FileStore::settle`]), so a send racing a settlement never loses its file.
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

    /// Notes that a message referencing the file became a tombstone, durably: the file is
    /// due for [`FileStore::settle`] (listed by [`FileStore::released`], across restarts)
    /// until settled. Releasing it again changes nothing.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if it could not be noted durably.
    async fn release(&self, id: FileId) -> Result<(), RepoError>;

    /// The files released and not yet settled, in no order.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn released(&self) -> Result<Vec<Released>, RepoError>;

    /// Settles a released file, if no message referenced it ([`FileStore::add_reference`])
    /// since `released` was listed: the `unreferenced` conversations stop referencing it
    /// (their members can no longer read it through them) and, with `delete`, the file
    /// is gone from the store (its description, its references and, unless another file
    /// shares them, its bytes) and no longer counts for its uploader's usage. Then it is
    /// no longer released. Returns `false`, doing nothing, if it was referenced since
    /// (it stays released, for a fresh look). A file gone already is only forgotten.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if it could not be done whole now: it stays released
    /// and settling it again finishes it.
    async fn settle(
        &self,
        released: Released,
        unreferenced: &[ConversationId],
        delete: bool,
    ) -> Result<bool, RepoError>;
}
