use chat_domain::entities::User;
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::UserId;

use super::ensure_admin;
use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Bans or unbans a user. A ban ends every session of the user at once, and their
    /// live connections are told to close.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin; `bad_request` for banning oneself;
    /// `not_found` for an unknown user.
    pub async fn set_banned(
        &self,
        actor: &Actor,
        user_id: UserId,
        banned: bool,
    ) -> Result<User, AppError> {
        ensure_admin(actor)?;
        if banned && user_id == actor.id() {
            return Err(AppError::BadRequest(
                "an admin cannot ban themselves".into(),
            ));
        }
        let user = self.ports.storage.users.set_banned(user_id, banned).await?;
        if banned {
            // Close live sockets even if ending the stored sessions fails: the banned flag
            // already makes every token fail authentication.
            let revoked = self.ports.storage.sessions.revoke_all(user_id).await;
            let event = DomainEvent::SessionsRevoked {
                user_id,
                token_hash: None,
            };
            self.publish(Envelope::new(event, vec![user_id])).await?;
            revoked?;
        }
        Ok(user)
    }
}
