use chat_domain::entities::{User, UserRole};
use chat_domain::ids::UserId;
use chat_domain::values::{ChallengeAnswer, DisplayName, Password, Username};

use crate::{AppError, ChatApp};

/// Input of [`ChatApp::register_user`].
#[derive(Clone)]
pub struct RegisterUser {
    /// Wanted login name.
    pub username: String,
    /// Plaintext password.
    pub password: String,
    /// Shown name; defaults to the username.
    pub display_name: Option<String>,
    /// Admin or user (the HTTP edge only ever asks for `User`).
    pub role: UserRole,
    /// Client address, for the per-address rate limit; `None` skips it.
    pub client_addr: Option<String>,
    /// The answer to a challenge, needed when challenges are on.
    pub challenge: Option<ChallengeAnswer>,
    /// Made by the host itself (an admin from the command line, an import), not asked
    /// for from outside: no challenge is needed.
    pub by_host: bool,
}

// By hand: the derived one would print the plaintext password into any log.
impl std::fmt::Debug for RegisterUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterUser")
            .field("username", &self.username)
            .field("password", &"***")
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .field("client_addr", &self.client_addr)
            .field("challenge", &self.challenge.is_some())
            .field("by_host", &self.by_host)
            .finish()
    }
}

impl RegisterUser {
    /// A plain user registration.
    pub fn new(username: &str, password: &str) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            display_name: None,
            role: UserRole::User,
            client_addr: None,
            challenge: None,
            by_host: false,
        }
    }
}

impl ChatApp {
    /// Creates an account.
    ///
    /// # Errors
    /// `rate_limited` past the per-address limit; `bad_request` for a bad username,
    /// password (under 8 characters) or display name; `ChallengeFailed` when challenges
    /// are on and the answer is missing, wrong, expired or used before; `conflict` if the
    /// username is taken (without regard to case).
    pub async fn register_user(&self, cmd: RegisterUser) -> Result<User, AppError> {
        if let Some(addr) = &cmd.client_addr {
            self.rate_check(&format!("auth:{addr}"), self.settings.auth_limit)
                .await?;
        }
        let username = Username::parse(&cmd.username)?;
        let password = Password::parse(&cmd.password)?;
        let display_name = match &cmd.display_name {
            Some(d) => DisplayName::parse(d)?,
            None => DisplayName::parse(username.as_str())?,
        };
        if let Some(check) = self.ports.human_check.as_ref().filter(|_| !cmd.by_host) {
            let missing = AppError::ChallengeFailed(
                "a sign-up needs an answered challenge: get one from GET /api/v1/challenge".into(),
            );
            self.pass_challenge(
                check.as_ref(),
                cmd.challenge.as_ref(),
                cmd.client_addr.as_deref(),
                missing,
            )
            .await?;
        }
        if self
            .ports
            .storage
            .users
            .find_by_username(&username)
            .await?
            .is_some()
        {
            return Err(AppError::Conflict(format!("username {username} is taken")));
        }
        let user = User {
            id: UserId::new(),
            username,
            display_name,
            password_hash: Some(self.ports.hasher.hash(&password).await?),
            role: cmd.role,
            banned: false,
            created_at: self.ports.clock.now(),
            bot: false,
            host: None,
        };
        self.ports
            .storage
            .users
            .create(&user)
            .await
            .map_err(|e| match e {
                chat_domain::RepoError::Conflict(_) => {
                    AppError::Conflict(format!("username {} is taken", user.username))
                }
                other => other.into(),
            })?;
        Ok(user)
    }
}
