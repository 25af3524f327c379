use chat_domain::entities::User;

use super::ensure_admin;
use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// All users (banned ones included) whose username starts with `query`, in username
    /// order, `limit` (at most 200) at a time after the username `after`.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin.
    pub async fn list_users(
        &self,
        actor: &Actor,
        query: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<User>, AppError> {
        ensure_admin(actor)?;
        Ok(self
            .ports
            .storage
            .users
            .search(query.trim(), after, limit.clamp(1, 200))
            .await?)
    }
}
