use chat_domain::entities::User;
use chat_domain::ids::UserId;
use chat_domain::RepoError;

use crate::{Actor, AppError, ChatApp};

impl ChatApp {
    /// The caller blocks `user_id`: that user cannot open a direct conversation with the
    /// caller nor send in theirs (answered as any other refusal), their mentions of the
    /// caller are not kept, and the caller hears no presence or typing of theirs. Groups
    /// are unchanged. Blocking again changes nothing.
    ///
    /// # Errors
    /// `bad_request` for blocking oneself; `not_found` for an unknown user.
    pub async fn block_user(&self, actor: &Actor, user_id: UserId) -> Result<(), AppError> {
        if user_id == actor.id() {
            return Err(AppError::BadRequest("you cannot block yourself".into()));
        }
        match self.ports.storage.users.get(user_id).await {
            Ok(_) => {}
            Err(RepoError::NotFound(_)) => return Err(AppError::NotFound("no such user".into())),
            Err(e) => return Err(e.into()),
        }
        let now = self.ports.clock.now();
        Ok(self
            .ports
            .storage
            .blocks
            .block(actor.id(), user_id, now)
            .await?)
    }

    /// The caller no longer blocks `user_id` (when it did not: nothing changes).
    ///
    /// # Errors
    /// `unavailable` if the store is down.
    pub async fn unblock_user(&self, actor: &Actor, user_id: UserId) -> Result<(), AppError> {
        Ok(self
            .ports
            .storage
            .blocks
            .unblock(actor.id(), user_id)
            .await?)
    }

    /// The users the caller blocks, most recently blocked first.
    ///
    /// # Errors
    /// `unavailable` if the store is down.
    pub async fn list_blocks(&self, actor: &Actor) -> Result<Vec<User>, AppError> {
        let ids: Vec<UserId> = self
            .ports
            .storage
            .blocks
            .blocked_by(actor.id())
            .await?
            .into_iter()
            .map(|(u, _)| u)
            .collect();
        let mut users = self.ports.storage.users.get_many(&ids).await?;
        users.sort_by_key(|u| ids.iter().position(|id| *id == u.id));
        Ok(users)
    }

    /// Whether `blocker` blocks `blocked`.
    pub(crate) async fn blocks(&self, blocker: UserId, blocked: UserId) -> Result<bool, AppError> {
        let blockers = self.ports.storage.blocks.blockers_of(blocked).await?;
        Ok(blockers.contains(&blocker))
    }

    /// `audience` without the users who block `user` (who hear nothing of theirs but
    /// what a group shares with everyone).
    pub(crate) async fn without_blockers_of(
        &self,
        user: UserId,
        mut audience: Vec<UserId>,
    ) -> Result<Vec<UserId>, AppError> {
        let blockers = self.ports.storage.blocks.blockers_of(user).await?;
        if !blockers.is_empty() {
            audience.retain(|u| !blockers.contains(u));
        }
        Ok(audience)
    }
}
