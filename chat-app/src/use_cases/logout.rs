use chat_domain::events::{DomainEvent, Envelope};

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// Ends the caller's session at once; live connections opened with it are told to
    /// close (through a `SessionsRevoked` event to the caller).
    ///
    /// # Errors
    /// `unavailable` if the session store is down (the session then still works).
    pub async fn logout(&self, actor: &Actor) -> Result<(), AppError> {
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
}
