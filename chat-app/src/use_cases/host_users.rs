use chat_domain::entities::{Session, User, UserRole};
use chat_domain::ids::UserId;
use chat_domain::ports::HostUser;
use chat_domain::values::{DisplayName, TokenHash, Username};
use chat_domain::RepoError;

use crate::digest::sha256;
use crate::{Actor, AppError, ChatApp};

/// Attempts at a free username before giving up (each a fresh random one after the first).
const NAME_ATTEMPTS: usize = 4;

impl ChatApp {
    /// The caller of a host-issued token (a JWT): verified, mapped to its chat user (made
    /// on first sight), with a session that ends at the token's `exp` and is stored
    /// nowhere.
    ///
    /// # Errors
    /// `unauthorized` when host tokens are not accepted, or the token fails a check (the
    /// message names which), or its user is banned; `unavailable` if storage is down.
    pub(crate) async fn authenticate_host_token(&self, token: &str) -> Result<Actor, AppError> {
        let verifier = self.ports.host_tokens.as_ref().ok_or_else(|| {
            AppError::Unauthorized("host-issued tokens are not accepted by this server".into())
        })?;
        let now = self.ports.clock.now();
        let claims = verifier
            .verify(token, now)
            .map_err(|e| AppError::Unauthorized(e.to_string()))?;
        let user = self.host_user(&claims.user).await?;
        let session = Session {
            token_hash: TokenHash::from_hex(sha256(token.as_bytes()).as_str()),
            user_id: user.id,
            created_at: claims.issued_at.unwrap_or(now),
            expires_at: claims.expires_at,
            last_used_at: now,
            user_agent: None,
        };
        host_actor(user, session)
    }

    /// The host's user as an actor, for a host that embeds the chat and calls its use
    /// cases in process: the same user a token for `who` maps to (made on first sight).
    ///
    /// ```
    /// # async fn f(app: chat_app::ChatApp) -> Result<(), chat_app::AppError> {
    /// use chat_domain::ports::HostUser;
    /// use chat_domain::values::HostIdentity;
    /// let who = HostUser {
    ///     identity: HostIdentity::parse("", "42").unwrap(),
    ///     preferred_username: Some("ana".into()),
    ///     name: Some("Ana".into()),
    /// };
    /// let ana = app.host_actor(&who).await?;
    /// # let _ = ana; Ok(()) }
    /// ```
    ///
    /// # Errors
    /// `unauthorized` for a banned user; `unavailable` if storage is down.
    pub async fn host_actor(&self, who: &HostUser) -> Result<Actor, AppError> {
        let user = self.host_user(who).await?;
        let now = self.ports.clock.now();
        let session = Session {
            // Names no stored session: nothing presents it, and a revocation of it ends
            // only the live connections the host opened for it.
            token_hash: TokenHash::from_hex(format!("in-process-{}", UserId::new())),
            user_id: user.id,
            created_at: now,
            expires_at: Session::never_expires(),
            last_used_at: now,
            user_agent: None,
        };
        host_actor(user, session)
    }

    /// The chat user `who` maps to, made on first sight: the username the host suggests
    /// when it is valid and free (else a generated one), the display name likewise.
    /// Racing first sights make one user.
    ///
    /// # Errors
    /// `unavailable` if storage is down.
    pub async fn host_user(&self, who: &HostUser) -> Result<User, AppError> {
        let users = &self.ports.storage.users;
        if let Some(user) = users.find_by_host(&who.identity).await? {
            return Ok(user);
        }
        let suggested = who
            .preferred_username
            .as_deref()
            .and_then(|n| Username::parse(n).ok());
        for attempt in 0..NAME_ATTEMPTS {
            let username = match (&suggested, attempt) {
                (Some(name), 0) => name.clone(),
                _ => generated_username()?,
            };
            let display_name = who
                .name
                .as_deref()
                .and_then(|n| DisplayName::parse(n).ok())
                .map_or_else(|| DisplayName::parse(username.as_str()), Ok)?;
            let user = User {
                id: UserId::new(),
                username,
                display_name,
                password_hash: None,
                role: UserRole::User,
                banned: false,
                created_at: self.ports.clock.now(),
                bot: false,
                host: Some(who.identity.clone()),
            };
            match users.create(&user).await {
                Ok(()) => return Ok(user),
                // The identity made by a racing first sight, or the username taken.
                Err(RepoError::Conflict(_)) => {
                    if let Some(user) = users.find_by_host(&who.identity).await? {
                        return Ok(user);
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Unavailable(
            "no free username was found for a host's user; try again".into(),
        ))
    }
}

fn host_actor(user: User, session: Session) -> Result<Actor, AppError> {
    if user.banned {
        return Err(AppError::Unauthorized("this account is banned".into()));
    }
    Ok(Actor {
        user,
        session,
        host_token: true,
    })
}

/// `user-` and ten random hex digits: valid, and taken only by chance.
fn generated_username() -> Result<Username, AppError> {
    let random = UserId::new().to_string().replace('-', "");
    Ok(Username::parse(&format!("user-{}", &random[..10]))?)
}
