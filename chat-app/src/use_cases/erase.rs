//! Erasure on schedule: a tombstone reads as one at once, and the store takes what it
//! held off its disk within [`crate::Settings::erase_within`].

use std::time::Duration;

use chat_domain::ports::Erased;

use crate::{AppError, ChatApp};

impl ChatApp {
    /// Erases what every tombstone made so far held, now (see
    /// [`chat_domain::ports::MessageRepository::erase_tombstones`]).
    ///
    /// # Errors
    /// `unavailable` if the store could not finish; what is left stays due.
    pub async fn erase_tombstones(&self) -> Result<Erased, AppError> {
        Ok(self.ports.storage.messages.erase_tombstones().await?)
    }

    /// Runs an erasure pass four times per [`crate::Settings::erase_within`] for as long
    /// as it runs: spawn it beside the server and abort it at shutdown (what is due
    /// stays due, and the next start finds it).
    pub async fn keep_erasing(self) {
        let every = (self.settings.erase_within / 4).max(Duration::from_millis(100));
        loop {
            tokio::time::sleep(every).await;
            match self.erase_tombstones().await {
                Ok(e) if e.messages > 0 => tracing::info!(
                    messages = e.messages,
                    bytes = e.bytes_rewritten,
                    "erased recalled and removed messages"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "erasure pass failed; retried next time"),
            }
        }
    }
}
