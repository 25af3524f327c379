use chat_domain::entities::User;
use chat_domain::ids::UserId;

use crate::{Actor, AppError, ChatApp};

/// The most users one lookup may name.
pub const MAX_LOOKUP: usize = 100;

impl ChatApp {
    /// The public profiles of the users with these ids (clients that meet an id in a
    /// member list or an event learn the name to show this way). Unknown ids are left out;
    /// repeats are answered once. Profiles are public: usernames can be searched anyway.
    ///
    /// # Errors
    /// `bad_request` for more than [`MAX_LOOKUP`] ids.
    pub async fn get_users(&self, _actor: &Actor, ids: &[UserId]) -> Result<Vec<User>, AppError> {
        if ids.len() > MAX_LOOKUP {
            return Err(AppError::BadRequest(format!(
                "at most {MAX_LOOKUP} users per lookup"
            )));
        }
        let mut unique = ids.to_vec();
        unique.sort_unstable();
        unique.dedup();
        if unique.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self.ports.storage.users.get_many(&unique).await?)
    }
}
