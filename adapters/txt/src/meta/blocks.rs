//! [`BlockRepository`] on the TXT store: blocks live in the metadata state; a block and
//! an unblock are each one logged op (none when nothing changes).

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use chat_domain::ids::UserId;
use chat_domain::ports::BlockRepository;
use chat_domain::RepoError;

use super::{Meta, MetaOp};

/// [`BlockRepository`] on the TXT store.
#[derive(Clone)]
pub struct TxtBlocks(pub(crate) Arc<Meta>);

#[async_trait]
impl BlockRepository for TxtBlocks {
    async fn block(
        &self,
        blocker: UserId,
        blocked: UserId,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        if m.state.blocks.blocks(blocker, blocked) {
            return Ok(());
        }
        let op = MetaOp::BlockSet {
            blocker,
            blocked,
            at,
        };
        m.commit(&mut log, op).await
    }

    async fn unblock(&self, blocker: UserId, blocked: UserId) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        if !m.state.blocks.blocks(blocker, blocked) {
            return Ok(());
        }
        m.commit(&mut log, MetaOp::BlockClear { blocker, blocked })
            .await
    }

    async fn blocked_by(&self, blocker: UserId) -> Result<Vec<(UserId, DateTime<Utc>)>, RepoError> {
        self.0.state.blocks.blocked_by(blocker).await
    }

    async fn blockers_of(&self, user: UserId) -> Result<Vec<UserId>, RepoError> {
        self.0.state.blocks.blockers_of(user).await
    }
}
