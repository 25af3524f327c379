use super::ensure_admin;
use crate::{Actor, AppError, ChatApp, Stats};

impl ChatApp {
    /// Server-wide counts.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin.
    pub async fn stats(&self, actor: &Actor) -> Result<Stats, AppError> {
        ensure_admin(actor)?;
        Ok(Stats {
            users: self.ports.storage.users.count().await?,
            conversations: self.ports.storage.conversations.count().await?,
            messages: self.ports.storage.messages.count().await?,
            live_connections: self.ports.live.presence.live_connections().await?,
        })
    }
}
