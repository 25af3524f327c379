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
            users: self.ports.users.count().await?,
            conversations: self.ports.conversations.count().await?,
            messages: self.ports.messages.count().await?,
            live_connections: self.ports.presence.live_connections().await?,
        })
    }
}
