use async_trait::async_trait;

use crate::entities::{FollowUpdate, ThreadFollow};
use crate::ids::{ConversationId, UserId};
use crate::values::Seq;
use crate::RepoError;

/// Stores each member's standing in the threads it touched: following or not, and its
/// read cursor there. It knows nothing of messages or membership: the use cases check
/// that the member and the root exist before they call it.
#[async_trait]
pub trait ThreadFollowRepository: Send + Sync {
    /// Applies `update` to the member's standing in the thread at `root`, as
    /// [`FollowUpdate::apply`] says, as one step: racing updates of one standing are
    /// each applied to the result of the other (a read cursor never moves back).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be written; nothing changed.
    async fn update(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
        update: FollowUpdate,
    ) -> Result<(), RepoError>;

    /// The member's standing in one thread, if it has any.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn get(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
    ) -> Result<Option<ThreadFollow>, RepoError>;

    /// Every standing the user has, in every conversation and in any state (filter on
    /// [`crate::entities::FollowState::Following`] for the threads it follows), in no
    /// particular order.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn of_user(&self, user_id: UserId) -> Result<Vec<ThreadFollow>, RepoError>;

    /// The users who follow the thread at `root`, in no particular order.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store cannot be read.
    async fn followers(
        &self,
        conversation_id: ConversationId,
        root: Seq,
    ) -> Result<Vec<UserId>, RepoError>;
}
