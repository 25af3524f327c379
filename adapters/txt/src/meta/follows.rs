//! [`ThreadFollowRepository`] on the TXT store: standings live in the metadata state; a
//! change is logged as the standing it makes, then set.

use std::sync::Arc;

use async_trait::async_trait;

use chat_domain::entities::{FollowUpdate, ThreadFollow};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::ThreadFollowRepository;
use chat_domain::values::Seq;
use chat_domain::RepoError;

use super::{Meta, MetaOp};

/// [`ThreadFollowRepository`] on the TXT store.
#[derive(Clone)]
pub struct TxtFollows(pub(crate) Arc<Meta>);

#[async_trait]
impl ThreadFollowRepository for TxtFollows {
    async fn update(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
        update: FollowUpdate,
    ) -> Result<(), RepoError> {
        let m = &self.0;
        // Under the log's lock, so the standing read is the one the new one replaces.
        let mut log = m.log.lock().await;
        let follows = &m.state.follows;
        let before = follows.get(conversation_id, root, user_id).await?;
        let follow = follows.updated(conversation_id, root, user_id, update);
        if before == Some(follow) {
            return Ok(());
        }
        m.commit(&mut log, MetaOp::ThreadMark { follow }).await
    }

    async fn get(
        &self,
        conversation_id: ConversationId,
        root: Seq,
        user_id: UserId,
    ) -> Result<Option<ThreadFollow>, RepoError> {
        self.0
            .state
            .follows
            .get(conversation_id, root, user_id)
            .await
    }

    async fn of_user(&self, user_id: UserId) -> Result<Vec<ThreadFollow>, RepoError> {
        self.0.state.follows.of_user(user_id).await
    }

    async fn followers(
        &self,
        conversation_id: ConversationId,
        root: Seq,
    ) -> Result<Vec<UserId>, RepoError> {
        self.0.state.follows.followers(conversation_id, root).await
    }
}
