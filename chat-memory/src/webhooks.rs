use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;

use chat_domain::entities::Webhook;
use chat_domain::ids::{ConversationId, WebhookId};
use chat_domain::ports::WebhookRepository;
use chat_domain::values::TokenHash;
use chat_domain::RepoError;

use crate::lock;

#[derive(Default)]
struct State {
    by_id: HashMap<WebhookId, Webhook>,
    by_token: HashMap<TokenHash, WebhookId>,
}

/// [`WebhookRepository`] in memory.
#[derive(Default)]
pub struct MemoryWebhooks(Mutex<State>);

impl MemoryWebhooks {
    /// Every webhook, for adapters that persist this state (snapshots).
    pub fn all(&self) -> Vec<Webhook> {
        lock(&self.0).by_id.values().cloned().collect()
    }
}

#[async_trait]
impl WebhookRepository for MemoryWebhooks {
    async fn create(&self, webhook: &Webhook) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        if s.by_id.contains_key(&webhook.id) || s.by_token.contains_key(&webhook.token_hash) {
            return Err(RepoError::Conflict("webhook exists".into()));
        }
        s.by_token.insert(webhook.token_hash.clone(), webhook.id);
        s.by_id.insert(webhook.id, webhook.clone());
        Ok(())
    }

    async fn list(&self, conversation_id: ConversationId) -> Result<Vec<Webhook>, RepoError> {
        let mut hooks: Vec<Webhook> = lock(&self.0)
            .by_id
            .values()
            .filter(|w| w.conversation_id == conversation_id)
            .cloned()
            .collect();
        hooks.sort_by_key(|w| (w.created_at, w.id));
        Ok(hooks)
    }

    async fn find_by_token(&self, token_hash: &TokenHash) -> Result<Option<Webhook>, RepoError> {
        let s = lock(&self.0);
        Ok(s.by_token.get(token_hash).map(|id| s.by_id[id].clone()))
    }

    async fn delete(
        &self,
        conversation_id: ConversationId,
        id: WebhookId,
    ) -> Result<Option<Webhook>, RepoError> {
        let mut s = lock(&self.0);
        if s.by_id.get(&id).map(|w| w.conversation_id) != Some(conversation_id) {
            return Ok(None);
        }
        let gone = s.by_id.remove(&id);
        if let Some(w) = &gone {
            s.by_token.remove(&w.token_hash);
        }
        Ok(gone)
    }
}
