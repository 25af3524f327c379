use chat_domain::values::SessionToken;

use crate::digest::hash_token;
use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Resolves a bearer token to the caller.
    ///
    /// # Errors
    /// `unauthorized` if the token is malformed, unknown, revoked or expired, or its user
    /// is banned or gone.
    pub async fn authenticate(&self, token: &str) -> Result<Actor, AppError> {
        let token = SessionToken::parse(token).map_err(|_| AppError::unauthorized())?;
        let now = self.ports.clock.now();
        let session = self
            .ports
            .storage
            .sessions
            .find_active(&hash_token(&token), now)
            .await?
            .ok_or_else(AppError::unauthorized)?;
        let user = match self.ports.storage.users.get(session.user_id).await {
            Ok(u) if !u.banned => u,
            Ok(_) | Err(chat_domain::RepoError::NotFound(_)) => {
                return Err(AppError::unauthorized())
            }
            Err(e) => return Err(e.into()),
        };
        if session.needs_touch(now) {
            // Only shown to the session's owner: a failed write fails no request.
            let touched = self.ports.storage.sessions.touch(&session.token_hash, now);
            if let Err(e) = touched.await {
                tracing::debug!(error = %e, "recording a session's use failed");
            }
        }
        Ok(Actor { user, session })
    }
}
