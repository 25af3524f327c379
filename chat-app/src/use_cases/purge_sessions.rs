use crate::{AppError, ChatApp};

impl ChatApp {
    /// Deletes sessions that have expired. Returns how many.
    ///
    /// # Errors
    /// `unavailable` if the session store is down.
    pub async fn purge_expired_sessions(&self) -> Result<u64, AppError> {
        let now = self.ports.clock.now();
        Ok(self.ports.storage.sessions.purge_expired(now).await?)
    }
}
