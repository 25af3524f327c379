use async_trait::async_trait;

use crate::entities::Webhook;
use crate::ids::{ConversationId, WebhookId};
use crate::values::TokenHash;
use crate::RepoError;

/// Stores incoming webhooks, found by their token's hash.
#[async_trait]
pub trait WebhookRepository: Send + Sync {
    /// Stores a new webhook.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if its id or token hash is taken; nothing is written then.
    async fn create(&self, webhook: &Webhook) -> Result<(), RepoError>;

    /// A group's webhooks, oldest first.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn list(&self, conversation_id: ConversationId) -> Result<Vec<Webhook>, RepoError>;

    /// The webhook whose token hashes to `token_hash`, if it exists (a deleted one does
    /// not).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn find_by_token(&self, token_hash: &TokenHash) -> Result<Option<Webhook>, RepoError>;

    /// Deletes webhook `id` of group `conversation_id` and returns it; `None` when there
    /// is no such webhook in that group (one of another group is left alone). Its token
    /// is found no more from then on.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be written.
    async fn delete(
        &self,
        conversation_id: ConversationId,
        id: WebhookId,
    ) -> Result<Option<Webhook>, RepoError>;
}
