use chat_domain::entities::Session;
use chat_domain::events::{DomainEvent, Envelope};

use crate::digest::session_id;
use crate::{Actor, AppError, ChatApp, SessionView};

impl ChatApp {
    /// The caller's own active sessions, newest first, each marked when it is the one
    /// the caller calls with ("log out my lost phone" starts here).
    ///
    /// # Errors
    /// `unavailable` if the session store is down.
    pub async fn list_sessions(&self, actor: &Actor) -> Result<Vec<SessionView>, AppError> {
        let now = self.ports.clock.now();
        let mut sessions = self
            .ports
            .storage
            .sessions
            .list_active(actor.id(), now)
            .await?;
        sessions.reverse();
        Ok(sessions.into_iter().map(|s| view(s, actor)).collect())
    }

    /// Ends one of the caller's sessions, named by its id from
    /// [`ChatApp::list_sessions`]: its token stops working at once and its live
    /// connections are told to close.
    ///
    /// # Errors
    /// `not_found` for an id that is not one of the caller's active sessions (another
    /// user's included); `unavailable` if the session store is down.
    pub async fn end_session(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        let now = self.ports.clock.now();
        let sessions = &self.ports.storage.sessions;
        let session = sessions
            .list_active(actor.id(), now)
            .await?
            .into_iter()
            .find(|s| session_id(&s.token_hash) == id)
            .ok_or_else(|| AppError::NotFound("no such session".into()))?;
        sessions.revoke(&session.token_hash).await?;
        let event = DomainEvent::SessionsRevoked {
            user_id: actor.id(),
            token_hash: Some(session.token_hash),
        };
        self.publish(Envelope::new(event, vec![actor.id()])).await
    }
}

fn view(s: Session, actor: &Actor) -> SessionView {
    SessionView {
        id: session_id(&s.token_hash),
        current: s.token_hash == actor.session.token_hash,
        created_at: s.created_at,
        last_used_at: s.last_used_at,
        user_agent: s.user_agent,
    }
}
