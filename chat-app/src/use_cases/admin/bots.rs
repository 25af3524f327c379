use chat_domain::entities::{Session, User, UserRole};
use chat_domain::events::{DomainEvent, Envelope};
use chat_domain::ids::UserId;
use chat_domain::values::{DisplayName, SessionToken, Username};

use super::ensure_admin;
use crate::{Actor, AppError, ChatApp};

/// Input of [`ChatApp::create_bot`].
#[derive(Clone, Debug)]
pub struct CreateBot {
    /// The bot's username (the same rules as a person's).
    pub username: String,
    /// The name shown; the username when `None`.
    pub display_name: Option<String>,
}

impl ChatApp {
    /// Makes a bot: an account a program uses through the normal API and WebSocket, with
    /// a token that lasts until it is revoked, and no password.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin; `bad_request` for a bad username or
    /// display name; `conflict` if the username is taken.
    pub async fn create_bot(
        &self,
        actor: &Actor,
        cmd: CreateBot,
    ) -> Result<(User, SessionToken), AppError> {
        ensure_admin(actor)?;
        let username = Username::parse(&cmd.username)?;
        let display_name =
            DisplayName::parse(cmd.display_name.as_deref().unwrap_or(&cmd.username))?;
        let bot = self.new_bot(username, display_name).await?;
        let token = self.bot_token(&bot).await?;
        Ok((bot, token))
    }

    /// A bot account, stored (no password, no session).
    pub(crate) async fn new_bot(
        &self,
        username: Username,
        display_name: DisplayName,
    ) -> Result<User, AppError> {
        let bot = User {
            id: UserId::new(),
            username,
            display_name,
            password_hash: None,
            role: UserRole::User,
            banned: false,
            created_at: self.ports.clock.now(),
            bot: true,
            host: None,
        };
        self.ports
            .storage
            .users
            .create(&bot)
            .await
            .map_err(|e| match e {
                chat_domain::RepoError::Conflict(_) => {
                    AppError::Conflict(format!("username {} is taken", bot.username))
                }
                other => other.into(),
            })?;
        Ok(bot)
    }

    /// A new token for a bot, replacing any it had: the old one stops working at once
    /// and its sockets close.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin; `not_found` unless `id` is a bot.
    pub async fn renew_bot_token(
        &self,
        actor: &Actor,
        id: UserId,
    ) -> Result<SessionToken, AppError> {
        let bot = self.admins_bot(actor, id).await?;
        self.end_sessions_of(id).await?;
        self.bot_token(&bot).await
    }

    /// Revokes a bot's token: it stops working at once and its sockets close; the bot
    /// has none until [`ChatApp::renew_bot_token`].
    ///
    /// # Errors
    /// `forbidden` unless the caller is an admin; `not_found` unless `id` is a bot.
    pub async fn revoke_bot_token(&self, actor: &Actor, id: UserId) -> Result<(), AppError> {
        self.admins_bot(actor, id).await?;
        self.end_sessions_of(id).await
    }

    /// The bot `id`, for an admin.
    async fn admins_bot(&self, actor: &Actor, id: UserId) -> Result<User, AppError> {
        ensure_admin(actor)?;
        match self.ports.storage.users.get(id).await {
            Ok(user) if user.bot => Ok(user),
            Ok(_) | Err(chat_domain::RepoError::NotFound(_)) => {
                Err(AppError::NotFound("no such bot".into()))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// A token that lasts until revoked.
    async fn bot_token(&self, bot: &User) -> Result<SessionToken, AppError> {
        let (token, _) = self
            .new_session(bot.id, Session::never_expires(), None)
            .await?;
        Ok(token)
    }

    /// Ends every session of `user` and closes its sockets.
    async fn end_sessions_of(&self, user: UserId) -> Result<(), AppError> {
        self.ports.storage.sessions.revoke_all(user).await?;
        let event = DomainEvent::SessionsRevoked {
            user_id: user,
            token_hash: None,
        };
        self.publish(Envelope::new(event, vec![user])).await
    }
}
