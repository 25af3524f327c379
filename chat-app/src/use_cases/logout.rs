use chat_domain::events::{DomainEvent, Envelope};

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Ends the caller's session at once; live connections opened with it are told to
    /// close (through a `SessionsRevoked` event to the caller).
    ///
    /// # Errors
    /// `bad_request` for a host-issued token, which ends at its `exp` (the host stops
    /// issuing them); `unavailable` if the session store is down (the session then still
    /// works).
    pub async fn logout(&self, actor: &Actor) -> Result<(), AppError> {
        if actor.host_token {
            return Err(AppError::BadRequest(
                "a host-issued token cannot be ended here: it ends at its exp".into(),
            ));
        }
        self.ports
            .storage
            .sessions
            .revoke(&actor.session.token_hash)
            .await?;
        let event = DomainEvent::SessionsRevoked {
            user_id: actor.id(),
            token_hash: Some(actor.session.token_hash.clone()),
        };
        self.publish(Envelope::new(event, vec![actor.id()])).await
    }

    /// Ends every session of the caller but the one it calls with ("sign out my other
    /// devices"); their live connections are told to close, as on logout. Returns how
    /// many ended.
    ///
    /// # Errors
    /// `unavailable` if the session store is down; sessions ended before it failed stay
    /// ended, and the call can be repeated.
    pub async fn end_other_sessions(&self, actor: &Actor) -> Result<u64, AppError> {
        let sessions = &self.ports.storage.sessions;
        let mut ended = 0;
        for other in sessions
            .list_active(actor.id(), self.ports.clock.now())
            .await?
        {
            if other.token_hash == actor.session.token_hash {
                continue;
            }
            if sessions.revoke(&other.token_hash).await? {
                ended += 1;
            }
            let event = DomainEvent::SessionsRevoked {
                user_id: actor.id(),
                token_hash: Some(other.token_hash),
            };
            self.publish(Envelope::new(event, vec![actor.id()])).await?;
        }
        Ok(ended)
    }
}
