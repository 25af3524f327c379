//! Erasure on schedule: a tombstone reads as one at once, and the store takes what it
//! held off its disk within [`crate::Settings::erase_within`].

use std::time::Duration;

use chat_domain::ports::{Erased, Released};

use crate::{AppError, ChatApp};

impl ChatApp {
    /// Erases what every tombstone made so far held, now: the store's copies of its
    /// text (see [`chat_domain::ports::MessageRepository::erase_tombstones`]), then each
    /// released file that no message still carries. Returns what the message store did
    /// and how many files were deleted.
    ///
    /// # Errors
    /// `unavailable` if the stores could not finish; what is left stays due.
    pub async fn erase_tombstones(&self) -> Result<(Erased, u64), AppError> {
        let erased = self.ports.storage.messages.erase_tombstones().await?;
        let files = self.settle_released_files().await?;
        Ok((erased, files))
    }

    /// For each released file: the conversations where no message that is not a
    /// tombstone carries it any more stop referencing it (their members can no longer
    /// read it); a file no conversation carries is deleted. A file that fails is left
    /// released for the next pass, and the others go on. Returns how many were deleted.
    async fn settle_released_files(&self) -> Result<u64, AppError> {
        let mut deleted = 0;
        let mut failure = None;
        for released in self.ports.files.released().await? {
            match self.settle_file(released).await {
                Ok(gone) => deleted += u64::from(gone),
                Err(e) => {
                    tracing::warn!(file = %released.id, error = %e, "a released file stays for now");
                    failure = Some(e);
                }
            }
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(deleted),
        }
    }

    /// Judges one released file; whether it was deleted.
    async fn settle_file(&self, released: Released) -> Result<bool, AppError> {
        let (files, messages) = (&self.ports.files, &self.ports.storage.messages);
        let (mut carried, mut unreferenced) = (false, Vec::new());
        for conversation in files.references(released.id).await? {
            if messages.references_file(conversation, released.id).await? {
                carried = true;
            } else {
                unreferenced.push(conversation);
            }
        }
        // Referenced since it was listed: the next pass looks again.
        let settled = files.settle(released, &unreferenced, !carried).await?;
        Ok(settled && !carried)
    }

    /// Runs an erasure pass four times per [`crate::Settings::erase_within`] for as long
    /// as it runs: spawn it beside the server and abort it at shutdown (what is due
    /// stays due, and the next start finds it).
    pub async fn keep_erasing(self) {
        let every = (self.settings.erase_within / 4).max(Duration::from_millis(100));
        loop {
            tokio::time::sleep(every).await;
            match self.erase_tombstones().await {
                Ok((e, files)) if e.messages > 0 || files > 0 => tracing::info!(
                    messages = e.messages,
                    bytes = e.bytes_rewritten,
                    files,
                    "erased recalled and removed messages"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "erasure pass failed; retried next time"),
            }
        }
    }
}
