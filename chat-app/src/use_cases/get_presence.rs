use std::collections::HashSet;

use chat_domain::entities::Presence;
use chat_domain::ids::UserId;

use crate::{Actor, AppError, ChatApp};

/// Most users one presence query may name.
const MAX_USERS: usize = 100;

impl ChatApp {
    /// The presence of the named users who share a conversation with the caller (and of
    /// the caller), in the order asked. Others are left out: presence is not shown to
    /// strangers.
    ///
    /// # Errors
    /// `bad_request` if more than 100 users are named.
    pub async fn get_presence(
        &self,
        actor: &Actor,
        users: &[UserId],
    ) -> Result<Vec<Presence>, AppError> {
        if users.len() > MAX_USERS {
            return Err(AppError::BadRequest(format!(
                "at most {MAX_USERS} users per query"
            )));
        }
        let mut visible: HashSet<UserId> = self
            .ports
            .storage
            .conversations
            .contacts(actor.id())
            .await?
            .into_iter()
            .collect();
        visible.insert(actor.id());
        // A user the caller blocks shows no presence to them.
        for (blocked, _) in self.ports.storage.blocks.blocked_by(actor.id()).await? {
            visible.remove(&blocked);
        }
        let mut seen = HashSet::new();
        let asked: Vec<UserId> = users
            .iter()
            .copied()
            .filter(|u| visible.contains(u) && seen.insert(*u))
            .collect();
        Ok(self.ports.live.presence.get(&asked).await?)
    }
}
