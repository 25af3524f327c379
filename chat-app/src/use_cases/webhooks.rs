use chat_domain::entities::{Session, Webhook};
use chat_domain::ids::{ConversationId, UserId, WebhookId};
use chat_domain::rules;
use chat_domain::values::{DisplayName, SessionToken, TokenHash, Username};

use crate::digest::hash_token;
use crate::{Actor, AppError, ChatApp, SendMessage, Sent};

/// A new incoming webhook and its token, shown once.
#[derive(Clone, Debug)]
pub struct WebhookCreated {
    /// The webhook.
    pub webhook: Webhook,
    /// Its secret: the webhook's URL is `/hooks/{token}`.
    pub token: SessionToken,
}

impl ChatApp {
    /// Makes an incoming webhook for a group: a bot user named `name` joins the group
    /// (members hear `member_added`), and whoever holds the token posts as it.
    ///
    /// # Errors
    /// `forbidden` unless the caller is an owner or admin of the group; `bad_request`
    /// for a bad name or a full group.
    pub async fn create_webhook(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        name: &str,
    ) -> Result<WebhookCreated, AppError> {
        self.ensure_manages_webhooks(actor, conversation_id).await?;
        let name = DisplayName::parse(name)?;
        let bot = self.new_bot(hook_username()?, name.clone()).await?;
        let token = SessionToken::generate();
        let webhook = Webhook {
            id: WebhookId::new(),
            conversation_id,
            name,
            token_hash: hash_token(&token),
            bot_id: bot.id,
            created_by: actor.id(),
            created_at: self.ports.clock.now(),
        };
        self.ports.storage.webhooks.create(&webhook).await?;
        if let Err(e) = self.add_member(actor, conversation_id, bot.id).await {
            // A webhook that cannot post is no webhook.
            let hooks = &self.ports.storage.webhooks;
            if let Err(undo) = hooks.delete(conversation_id, webhook.id).await {
                tracing::warn!(error = %undo, "a webhook whose bot could not join was left");
            }
            return Err(e);
        }
        Ok(WebhookCreated { webhook, token })
    }

    /// A group's webhooks, oldest first (their tokens are never shown again).
    ///
    /// # Errors
    /// `forbidden` unless the caller is an owner or admin of the group.
    pub async fn list_webhooks(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
    ) -> Result<Vec<Webhook>, AppError> {
        self.ensure_manages_webhooks(actor, conversation_id).await?;
        Ok(self.ports.storage.webhooks.list(conversation_id).await?)
    }

    /// Deletes a webhook: its URL answers 404 from then on, and its bot leaves the group
    /// (its messages stay).
    ///
    /// # Errors
    /// `forbidden` unless the caller is an owner or admin of the group; `not_found` for
    /// no such webhook in this group.
    pub async fn delete_webhook(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
        id: WebhookId,
    ) -> Result<(), AppError> {
        self.ensure_manages_webhooks(actor, conversation_id).await?;
        let webhook = self
            .ports
            .storage
            .webhooks
            .delete(conversation_id, id)
            .await?
            .ok_or_else(|| AppError::NotFound("no such webhook".into()))?;
        match self
            .remove_member(actor, conversation_id, webhook.bot_id)
            .await
        {
            // Someone removed the bot already.
            Ok(()) | Err(AppError::NotFound(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// A text message posted to a webhook's URL: sent as the webhook's bot, checked,
    /// rate limited and delivered like any send, idempotent on `client_msg_id` (one is
    /// made up when none is given).
    ///
    /// # Errors
    /// `not_found` for a token that names no webhook (unknown, malformed or deleted);
    /// otherwise those of [`ChatApp::send_message`].
    pub async fn post_by_webhook(
        &self,
        token: &str,
        body: &str,
        client_msg_id: Option<String>,
    ) -> Result<Sent, AppError> {
        let missing = || AppError::NotFound("no such webhook".into());
        let token = SessionToken::parse(token).map_err(|_| missing())?;
        let webhook = self
            .ports
            .storage
            .webhooks
            .find_by_token(&hash_token(&token))
            .await?
            .ok_or_else(missing)?;
        let bot = self.ports.storage.users.get(webhook.bot_id).await?;
        let now = self.ports.clock.now();
        let actor = Actor {
            session: Session {
                token_hash: TokenHash::from_hex(format!("webhook-{}", webhook.id)),
                user_id: bot.id,
                created_at: webhook.created_at,
                expires_at: Session::never_expires(),
                last_used_at: now,
                user_agent: None,
            },
            user: bot,
            host_token: false,
        };
        let client_msg_id = client_msg_id.unwrap_or_else(|| format!("hook-{}", UserId::new()));
        let cmd = SendMessage::text(webhook.conversation_id, &client_msg_id, body);
        self.send_message(&actor, cmd).await
    }

    async fn ensure_manages_webhooks(
        &self,
        actor: &Actor,
        conversation_id: ConversationId,
    ) -> Result<(), AppError> {
        let me = self
            .ports
            .storage
            .conversations
            .participant(conversation_id, actor.id())
            .await?;
        rules::ensure_member(me.as_ref())?;
        let conversation = self
            .ports
            .storage
            .conversations
            .get(conversation_id)
            .await?;
        Ok(rules::ensure_can_manage_webhooks(
            &conversation,
            me.as_ref(),
        )?)
    }
}

/// `hook-` and ten random hex digits.
fn hook_username() -> Result<Username, AppError> {
    let random = UserId::new().to_string().replace('-', "");
    Ok(Username::parse(&format!("hook-{}", &random[..10]))?)
}
