use chat_domain::entities::User;

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Users whose username starts with `query` (without regard to case), up to the
    /// configured search limit, in username order. A query that cannot be a username
    /// prefix finds nobody; banned users are not listed.
    ///
    /// # Errors
    /// `bad_request` if the query is empty or over 32 characters.
    pub async fn search_users(&self, _actor: &Actor, query: &str) -> Result<Vec<User>, AppError> {
        let query = query.trim();
        if query.is_empty() || query.len() > 32 {
            return Err(AppError::BadRequest("query must be 1-32 characters".into()));
        }
        if !query
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return Ok(Vec::new());
        }
        let found = self
            .ports
            .storage
            .users
            .search(query, None, self.settings.search_limit)
            .await?;
        Ok(found.into_iter().filter(|u| !u.banned).collect())
    }
}
