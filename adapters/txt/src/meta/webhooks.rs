//! [`WebhookRepository`] on the TXT store: webhooks live in the metadata state; a
//! creation and a deletion are each one logged op.

use std::sync::Arc;

use async_trait::async_trait;

use chat_domain::entities::Webhook;
use chat_domain::ids::{ConversationId, WebhookId};
use chat_domain::ports::WebhookRepository;
use chat_domain::values::TokenHash;
use chat_domain::RepoError;

use super::{Meta, MetaOp};

/// [`WebhookRepository`] on the TXT store.
#[derive(Clone)]
pub struct TxtWebhooks(pub(crate) Arc<Meta>);

#[async_trait]
impl WebhookRepository for TxtWebhooks {
    async fn create(&self, webhook: &Webhook) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let hooks = &m.state.webhooks;
        let taken = hooks.find_by_token(&webhook.token_hash).await?.is_some()
            || hooks.all().iter().any(|w| w.id == webhook.id);
        if taken {
            return Err(RepoError::Conflict("webhook exists".into()));
        }
        let webhook = webhook.clone();
        m.commit(&mut log, MetaOp::WebhookCreate { webhook }).await
    }

    async fn list(&self, conversation_id: ConversationId) -> Result<Vec<Webhook>, RepoError> {
        self.0.state.webhooks.list(conversation_id).await
    }

    async fn find_by_token(&self, token_hash: &TokenHash) -> Result<Option<Webhook>, RepoError> {
        self.0.state.webhooks.find_by_token(token_hash).await
    }

    async fn delete(
        &self,
        conversation_id: ConversationId,
        id: WebhookId,
    ) -> Result<Option<Webhook>, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let found = m
            .state
            .webhooks
            .list(conversation_id)
            .await?
            .into_iter()
            .find(|w| w.id == id);
        if found.is_some() {
            let op = MetaOp::WebhookDelete {
                conversation_id,
                id,
            };
            m.commit(&mut log, op).await?;
        }
        Ok(found)
    }
}
