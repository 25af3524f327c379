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
        // Session tokens are alphanumeric; a JWT is three dot-separated parts.
        if token.contains('.') {
            return self.authenticate_host_token(token).await;
        }
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
        Ok(Actor {
            user,
            session,
            host_token: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use async_trait::async_trait;
    use chat_domain::entities::Session;
    use chat_domain::ids::UserId;
    use chat_domain::ports::SessionRepository;
    use chat_domain::values::TokenHash;
    use chat_domain::RepoError;
    use chat_memory::{ManualClock, MemorySessions};
    use chrono::{DateTime, Utc};

    use crate::testing::*;

    /// The memory store, with every touch recorded.
    #[derive(Default)]
    struct Touches {
        inner: MemorySessions,
        at: Mutex<Vec<DateTime<Utc>>>,
    }

    #[async_trait]
    impl SessionRepository for Touches {
        async fn create(&self, s: &Session) -> Result<(), RepoError> {
            self.inner.create(s).await
        }
        async fn find_active(
            &self,
            h: &TokenHash,
            now: DateTime<Utc>,
        ) -> Result<Option<Session>, RepoError> {
            self.inner.find_active(h, now).await
        }
        async fn list_active(
            &self,
            u: UserId,
            now: DateTime<Utc>,
        ) -> Result<Vec<Session>, RepoError> {
            self.inner.list_active(u, now).await
        }
        async fn touch(&self, h: &TokenHash, at: DateTime<Utc>) -> Result<(), RepoError> {
            self.at.lock().unwrap().push(at);
            self.inner.touch(h, at).await
        }
        async fn revoke(&self, h: &TokenHash) -> Result<bool, RepoError> {
            self.inner.revoke(h).await
        }
        async fn revoke_all(&self, u: UserId) -> Result<u64, RepoError> {
            self.inner.revoke_all(u).await
        }
        async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
            self.inner.purge_expired(now).await
        }
    }

    /// A session used on every request is written once a minute, not once a request.
    #[tokio::test]
    async fn a_sessions_last_use_is_written_at_most_once_a_minute() {
        let clock = Arc::new(ManualClock::new(now()));
        let sessions = Arc::new(Touches::default());
        let app = app(memory_ports_with(|p| {
            p.clock = clock.clone();
            p.storage.sessions = sessions.clone();
        }));
        app.register_user(crate::RegisterUser::new("alice", "long enough"))
            .await
            .unwrap();
        let login = app.login(crate::Login::new("alice", "long enough")).await;
        let token = login.unwrap().token;
        let every_10s = |n| {
            let (app, clock, token) = (app.clone(), clock.clone(), token.clone());
            async move {
                for _ in 0..n {
                    clock.advance(chrono::Duration::seconds(10));
                    app.authenticate(token.expose()).await.unwrap();
                }
            }
        };
        every_10s(5).await;
        assert!(sessions.at.lock().unwrap().is_empty(), "50 s: not yet");
        every_10s(7).await;
        let minute = |m| now() + chrono::Duration::minutes(m);
        assert_eq!(*sessions.at.lock().unwrap(), [minute(1), minute(2)]);
        let listed = sessions
            .list_active(login_user(&app).await, minute(2))
            .await;
        assert_eq!(listed.unwrap()[0].last_used_at, minute(2));
    }

    async fn login_user(app: &crate::ChatApp) -> UserId {
        let name = chat_domain::values::Username::parse("alice").unwrap();
        let users = &app.ports().storage.users;
        users.find_by_username(&name).await.unwrap().unwrap().id
    }
}
