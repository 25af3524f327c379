use async_trait::async_trait;

use crate::entities::{Message, NewMessage};
use crate::ids::{ConversationId, UserId};
use crate::values::{ClientMsgId, PageQuery, Seq};
use crate::RepoError;

/// The outcome of an append.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    /// The stored message (the earlier one, on an idempotent retry).
    pub message: Message,
    /// `false` when the message was already stored under the same
    /// (conversation, sender, client_msg_id) and nothing new was written.
    pub created: bool,
}

/// The per-conversation message logs.
#[async_trait]
pub trait MessageRepository: Send + Sync {
    /// Stores a message at the next seq of its conversation (1 for the first), durably
    /// before returning.
    ///
    /// Seqs are gap-free and unique per conversation under any concurrency. Idempotent on
    /// (conversation, sender, client_msg_id): if such a message is stored, it is returned
    /// with `created: false` and nothing is written, even when the two calls race.
    /// Does not check that the conversation exists or that the sender is a member: the
    /// use case has done that.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the message could not be stored durably; then it is
    /// not stored, and a retry with the same client_msg_id is safe.
    async fn append(&self, message: NewMessage) -> Result<Appended, RepoError>;

    /// A page of a conversation's history in ascending seq order; see [`PageQuery`] for
    /// which messages it selects. Empty for an unknown conversation.
    ///
    /// # Errors
    /// [`RepoError::Corrupt`] if stored messages in the range fail their integrity check.
    async fn page(&self, id: ConversationId, query: PageQuery) -> Result<Vec<Message>, RepoError>;

    /// One message by seq, if stored.
    async fn get(&self, id: ConversationId, seq: Seq) -> Result<Option<Message>, RepoError>;

    /// The message stored under (conversation, sender, client_msg_id), if any.
    async fn find_by_client_id(
        &self,
        id: ConversationId,
        sender: UserId,
        client_msg_id: &ClientMsgId,
    ) -> Result<Option<Message>, RepoError>;

    /// The last seq of a conversation; 0 when it has no messages.
    async fn last_seq(&self, id: ConversationId) -> Result<u64, RepoError>;

    /// The newest message of each given conversation that has one, in any order.
    async fn latest(&self, ids: &[ConversationId]) -> Result<Vec<Message>, RepoError>;

    /// How many messages are stored in all.
    async fn count(&self) -> Result<u64, RepoError>;

    /// A cheap check that the store answers, for health probes. The default counts;
    /// stores where counting is not cheap override it.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn ping(&self) -> Result<(), RepoError> {
        self.count().await.map(|_| ())
    }
}
