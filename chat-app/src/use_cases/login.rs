use chrono::{DateTime, Duration, Utc};
use std::sync::OnceLock;

use chat_domain::entities::Session;
use chat_domain::ids::UserId;
use chat_domain::ports::{HumanCheck, RateLimit};
use chat_domain::rules;
use chat_domain::values::{
    ChallengeAnswer, Password, PasswordHash, SessionToken, UserAgent, Username,
};

use crate::digest::hash_token;
use crate::{AppError, ChatApp, LoginOutcome};

/// A hash to verify against when the username is unknown, so that a wrong username
/// costs the same time as a wrong password and does not reveal which accounts exist.
static DUMMY_HASH: OnceLock<PasswordHash> = OnceLock::new();

/// Input of [`ChatApp::login`].
#[derive(Clone)]
pub struct Login {
    /// Login name.
    pub username: String,
    /// Plaintext password.
    pub password: String,
    /// Client address, for the per-address rate limit; `None` skips it.
    pub client_addr: Option<String>,
    /// The answer to a challenge, needed after repeated failures when challenges are on.
    pub challenge: Option<ChallengeAnswer>,
    /// The client's `User-Agent`, kept with the session to show its owner.
    pub user_agent: Option<String>,
}

// By hand: the derived one would print the plaintext password into any log.
impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login")
            .field("username", &self.username)
            .field("password", &"***")
            .field("client_addr", &self.client_addr)
            .field("challenge", &self.challenge.is_some())
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl Login {
    /// A login without a client address.
    pub fn new(username: &str, password: &str) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            client_addr: None,
            challenge: None,
            user_agent: None,
        }
    }
}

/// The one answer to a wrong username or password, alike for both.
fn wrong() -> AppError {
    AppError::Unauthorized("wrong username or password".into())
}

impl ChatApp {
    /// Checks credentials and opens a session.
    ///
    /// # Errors
    /// `rate_limited` past the per-address or the per-username limit (the latter alike
    /// for names with and without an account); `unauthorized` for a wrong username or
    /// password (the same answer for both); `forbidden` for a banned account with the
    /// right password. When challenges are on, after
    /// [`rules::LOGIN_FAILURES_BEFORE_CHALLENGE`] failures for the username or the
    /// address in [`rules::LOGIN_FAILURE_WINDOW`] (counted alike whether or not the
    /// account exists): `ChallengeRequired` without an answer (and for the failure that
    /// reaches the count), `ChallengeFailed` for a wrong, expired or reused one.
    pub async fn login(&self, cmd: Login) -> Result<LoginOutcome, AppError> {
        if let Some(addr) = &cmd.client_addr {
            self.rate_check(&format!("auth:{addr}"), self.settings.auth_limit)
                .await?;
        }
        let (Ok(username), Ok(password)) = (
            Username::parse(&cmd.username),
            Password::parse(&cmd.password),
        ) else {
            return Err(wrong());
        };
        let key = format!("login:{}", username.as_str().to_ascii_lowercase());
        self.rate_check(&key, self.settings.login_limit).await?;
        let failures = match &self.ports.human_check {
            Some(check) => Some(
                self.challenge_login(check.as_ref(), &username, &cmd)
                    .await?,
            ),
            None => None,
        };
        let user_agent = cmd.user_agent.as_deref().and_then(UserAgent::from_header);
        let outcome = self.open_session(&username, &password, user_agent).await;
        match (outcome, failures) {
            (Err(AppError::Unauthorized(why)), Some(failures)) => {
                Err(self.login_failed(&username, &cmd, failures, why).await)
            }
            (outcome, _) => outcome,
        }
    }

    /// Asks for a challenge when the username or the address failed often lately, and
    /// checks its answer; returns the failures counted so far (the larger of the two).
    async fn challenge_login(
        &self,
        check: &dyn HumanCheck,
        username: &Username,
        cmd: &Login,
    ) -> Result<u32, AppError> {
        let limiter = &self.ports.live.rate_limiter;
        let now = self.ports.clock.now();
        let window = rules::LOGIN_FAILURE_WINDOW;
        let by_name = limiter
            .count(&rules::login_failures_key(username.as_str()), window, now)
            .await?;
        let by_addr = match &cmd.client_addr {
            Some(addr) => Some(
                limiter
                    .count(&rules::login_failures_from_key(addr), window, now)
                    .await?,
            ),
            None => None,
        };
        if rules::login_needs_challenge(by_name, by_addr) {
            let missing = AppError::ChallengeRequired(
                "too many failed logins: answer a challenge (GET /api/v1/challenge)".into(),
            );
            self.pass_challenge(
                check,
                cmd.challenge.as_ref(),
                cmd.client_addr.as_deref(),
                missing,
            )
            .await?;
        }
        Ok(by_name.max(by_addr.unwrap_or(0)))
    }

    /// Counts a failed login against its username and address; the error to answer
    /// says a challenge is needed from now on once the count reaches it.
    async fn login_failed(
        &self,
        username: &Username,
        cmd: &Login,
        before: u32,
        why: String,
    ) -> AppError {
        let count = RateLimit {
            max: u32::MAX,
            window: rules::LOGIN_FAILURE_WINDOW,
        };
        let mut keys = vec![rules::login_failures_key(username.as_str())];
        keys.extend(
            cmd.client_addr
                .as_deref()
                .map(rules::login_failures_from_key),
        );
        for key in keys {
            if let Err(e) = self.rate_check(&key, count).await {
                tracing::warn!(error = %e, "a failed login was not counted");
            }
        }
        if before + 1 >= rules::LOGIN_FAILURES_BEFORE_CHALLENGE {
            AppError::ChallengeRequired(why)
        } else {
            AppError::Unauthorized(why)
        }
    }

    /// Checks the password and opens a session.
    async fn open_session(
        &self,
        username: &Username,
        password: &Password,
        user_agent: Option<UserAgent>,
    ) -> Result<LoginOutcome, AppError> {
        let user = self.ports.storage.users.find_by_username(username).await?;
        // An unknown name and an account without a password (a bot, a host's user) cost
        // a verification all the same, so timing tells neither apart from a wrong one.
        let Some((user, hash)) = user.and_then(|u| u.password_hash.clone().map(|h| (u, h))) else {
            let dummy = match DUMMY_HASH.get() {
                Some(h) => h.clone(),
                None => {
                    // Racing first callers may each hash; any of the results will do.
                    let h = self.ports.hasher.hash(password).await?;
                    DUMMY_HASH.get_or_init(|| h).clone()
                }
            };
            let _ = self.ports.hasher.verify(password, &dummy).await?;
            return Err(wrong());
        };
        if !self.ports.hasher.verify(password, &hash).await? {
            return Err(wrong());
        }
        rules::ensure_can_login(&user)?;
        let ttl = Duration::from_std(self.settings.token_ttl)
            .map_err(|_| AppError::Internal("token ttl out of range".into()))?;
        let now = self.ports.clock.now();
        let (token, session) = self.new_session(user.id, now + ttl, user_agent).await?;
        Ok(LoginOutcome {
            token,
            user_id: user.id,
            expires_at: session.expires_at,
        })
    }

    /// A new session for `user_id`, stored, lasting until `expires_at`.
    pub(crate) async fn new_session(
        &self,
        user_id: UserId,
        expires_at: DateTime<Utc>,
        user_agent: Option<UserAgent>,
    ) -> Result<(SessionToken, Session), AppError> {
        let token = SessionToken::generate();
        let now = self.ports.clock.now();
        let session = Session {
            token_hash: hash_token(&token),
            user_id,
            created_at: now,
            expires_at,
            last_used_at: now,
            user_agent,
        };
        self.ports.storage.sessions.create(&session).await?;
        Ok((token, session))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RegisterUser;

    #[test]
    fn debug_output_never_shows_a_password() {
        let login = Login {
            username: "ana".into(),
            password: "hunter2-secret".into(),
            client_addr: None,
            challenge: None,
            user_agent: None,
        };
        let register = RegisterUser::new("ana", "hunter2-secret");
        for shown in [format!("{login:?}"), format!("{register:?}")] {
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("ana"), "{shown}");
        }
    }
}
