//! The metadata ports: reads go to the in-memory state; each write is checked, made
//! durable in the log, then applied, all under the log's lock.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use chat_domain::entities::{
    Conversation, DirectPair, Participant, ParticipantRole, Session, User,
};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{
    ConversationRepository, Membership, SessionRepository, SyncPoint, UserRepository,
};
use chat_domain::values::{HostIdentity, TokenHash, Username};
use chat_domain::RepoError;

use super::{Meta, MetaOp};

/// [`UserRepository`] on the TXT store.
#[derive(Clone)]
pub struct TxtUsers(pub(crate) Arc<Meta>);
/// [`SessionRepository`] on the TXT store.
#[derive(Clone)]
pub struct TxtSessions(pub(crate) Arc<Meta>);
/// [`ConversationRepository`] on the TXT store.
#[derive(Clone)]
pub struct TxtConversations(pub(crate) Arc<Meta>);

impl TxtConversations {
    /// The member's row, or NotFound. Callers hold the log's lock, so it stays true
    /// until their change is committed.
    async fn member(&self, id: ConversationId, user: UserId) -> Result<Participant, RepoError> {
        self.0
            .state
            .conversations
            .participant(id, user)
            .await?
            .ok_or_else(|| RepoError::NotFound(format!("user {user} in conversation {id}")))
    }

    /// Logs and applies `op`, a change to a member's row, once the member is known to
    /// exist (under the log's lock, so the check and the change are one step).
    async fn commit_for_member(
        &self,
        id: ConversationId,
        user: UserId,
        op: MetaOp,
    ) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        self.member(id, user).await?;
        m.commit(&mut log, op).await
    }
}

#[async_trait]
impl UserRepository for TxtUsers {
    async fn create(&self, user: &User) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        if m.state
            .users
            .find_by_username(&user.username)
            .await?
            .is_some()
        {
            return Err(RepoError::Conflict(format!(
                "username {} is taken",
                user.username
            )));
        }
        if m.state.users.get(user.id).await.is_ok() {
            return Err(RepoError::Conflict(format!("user {} exists", user.id)));
        }
        if let Some(host) = &user.host {
            if m.state.users.find_by_host(host).await?.is_some() {
                return Err(RepoError::Conflict("the host identity has a user".into()));
            }
        }
        m.commit(&mut log, MetaOp::UserCreate { user: user.clone() })
            .await
    }

    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        self.0.state.users.get(id).await
    }

    async fn get_many(&self, ids: &[UserId]) -> Result<Vec<User>, RepoError> {
        self.0.state.users.get_many(ids).await
    }

    async fn find_by_username(&self, username: &Username) -> Result<Option<User>, RepoError> {
        self.0.state.users.find_by_username(username).await
    }

    async fn find_by_host(&self, host: &HostIdentity) -> Result<Option<User>, RepoError> {
        self.0.state.users.find_by_host(host).await
    }

    async fn search(
        &self,
        prefix: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<User>, RepoError> {
        self.0.state.users.search(prefix, after, limit).await
    }

    async fn set_banned(&self, id: UserId, banned: bool) -> Result<User, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        m.state.users.get(id).await?;
        m.commit(&mut log, MetaOp::UserBanned { id, banned })
            .await?;
        m.state.users.get(id).await
    }

    async fn count(&self) -> Result<u64, RepoError> {
        self.0.state.users.count().await
    }

    async fn created_per_hour(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, u64)>, RepoError> {
        self.0.state.users.created_per_hour(since).await
    }
}

#[async_trait]
impl SessionRepository for TxtSessions {
    async fn create(&self, session: &Session) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        // Any stored session is active at the dawn of time: this finds it whatever its expiry.
        if m.state
            .sessions
            .find_active(&session.token_hash, DateTime::<Utc>::MIN_UTC)
            .await?
            .is_some()
        {
            return Err(RepoError::Conflict("session exists".into()));
        }
        m.commit(
            &mut log,
            MetaOp::SessionCreate {
                session: session.clone(),
            },
        )
        .await
    }

    async fn find_active(
        &self,
        token_hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, RepoError> {
        self.0.state.sessions.find_active(token_hash, now).await
    }

    async fn list_active(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError> {
        self.0.state.sessions.list_active(user_id, now).await
    }

    async fn touch(&self, token_hash: &TokenHash, at: DateTime<Utc>) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let known = m
            .state
            .sessions
            .find_active(token_hash, DateTime::<Utc>::MIN_UTC)
            .await?;
        if known.is_some_and(|s| s.last_used_at < at) {
            let token_hash = token_hash.clone();
            m.commit_lazily(&mut log, MetaOp::SessionTouch { token_hash, at })
                .await?;
        }
        Ok(())
    }

    async fn revoke(&self, token_hash: &TokenHash) -> Result<bool, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let existed = m
            .state
            .sessions
            .find_active(token_hash, DateTime::<Utc>::MIN_UTC)
            .await?
            .is_some();
        if existed {
            m.commit(
                &mut log,
                MetaOp::SessionRevoke {
                    token_hash: token_hash.clone(),
                },
            )
            .await?;
        }
        Ok(existed)
    }

    async fn revoke_all(&self, user_id: UserId) -> Result<u64, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let n = m
            .state
            .sessions
            .all()
            .iter()
            .filter(|s| s.user_id == user_id)
            .count() as u64;
        if n > 0 {
            m.commit(&mut log, MetaOp::SessionRevokeAll { user_id })
                .await?;
        }
        Ok(n)
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let n = m
            .state
            .sessions
            .all()
            .iter()
            .filter(|s| !s.is_active(now))
            .count() as u64;
        if n > 0 {
            m.commit(&mut log, MetaOp::SessionPurge { now }).await?;
        }
        Ok(n)
    }
}

#[async_trait]
impl ConversationRepository for TxtConversations {
    async fn create_group(
        &self,
        conversation: &Conversation,
        members: &[Participant],
    ) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let distinct: std::collections::HashSet<_> = members.iter().map(|p| p.user_id).collect();
        if distinct.len() != members.len() {
            return Err(RepoError::Conflict("a member is listed twice".into()));
        }
        if m.state.conversations.get(conversation.id).await.is_ok() {
            return Err(RepoError::Conflict(format!(
                "conversation {} exists",
                conversation.id
            )));
        }
        let op = MetaOp::GroupCreate {
            conversation: conversation.clone(),
            members: members.to_vec(),
        };
        m.commit(&mut log, op).await
    }

    async fn get_or_create_direct(
        &self,
        pair: DirectPair,
        candidate: &Conversation,
        participants: [Participant; 2],
    ) -> Result<(Conversation, bool), RepoError> {
        if candidate.direct_pair() != Some(pair) {
            return Err(RepoError::Conflict(
                "candidate is not a direct conversation of the pair".into(),
            ));
        }
        let m = &self.0;
        if let Some(existing) = m.state.conversations.direct_of(pair) {
            return Ok((existing, false));
        }
        let mut log = m.log.lock().await;
        if let Some(existing) = m.state.conversations.direct_of(pair) {
            return Ok((existing, false));
        }
        if m.state.conversations.get(candidate.id).await.is_ok() {
            return Err(RepoError::Conflict(format!(
                "conversation {} exists",
                candidate.id
            )));
        }
        let op = MetaOp::DirectCreate {
            pair,
            conversation: candidate.clone(),
            participants,
        };
        m.commit(&mut log, op).await?;
        Ok((candidate.clone(), true))
    }

    async fn get(&self, id: ConversationId) -> Result<Conversation, RepoError> {
        self.0.state.conversations.get(id).await
    }

    async fn participants(&self, id: ConversationId) -> Result<Vec<Participant>, RepoError> {
        self.0.state.conversations.participants(id).await
    }

    async fn participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<Option<Participant>, RepoError> {
        self.0.state.conversations.participant(id, user_id).await
    }

    async fn add_participant(&self, participant: &Participant) -> Result<(), RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let id = participant.conversation_id;
        m.state.conversations.get(id).await?;
        if m.state
            .conversations
            .participant(id, participant.user_id)
            .await?
            .is_some()
        {
            return Err(RepoError::Conflict(format!(
                "user {} is already a member",
                participant.user_id
            )));
        }
        m.commit(
            &mut log,
            MetaOp::ParticipantAdd {
                participant: participant.clone(),
            },
        )
        .await
    }

    async fn remove_participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<(), RepoError> {
        let op = MetaOp::ParticipantRemove {
            conversation_id: id,
            user_id,
        };
        self.commit_for_member(id, user_id, op).await
    }

    async fn set_role(
        &self,
        id: ConversationId,
        user_id: UserId,
        role: ParticipantRole,
    ) -> Result<(), RepoError> {
        let op = MetaOp::RoleSet {
            conversation_id: id,
            user_id,
            role,
        };
        self.commit_for_member(id, user_id, op).await
    }

    async fn set_muted(
        &self,
        id: ConversationId,
        user_id: UserId,
        muted: bool,
    ) -> Result<(), RepoError> {
        let op = MetaOp::MuteSet {
            conversation_id: id,
            user_id,
            muted,
        };
        self.commit_for_member(id, user_id, op).await
    }

    async fn mark_sent(&self, id: ConversationId, user_id: UserId) -> Result<(), RepoError> {
        // Once per membership: later sends find the mark and write nothing.
        if self.member(id, user_id).await?.has_sent {
            return Ok(());
        }
        let op = MetaOp::SentMark {
            conversation_id: id,
            user_id,
        };
        self.commit_for_member(id, user_id, op).await
    }

    async fn advance_delivered(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<Option<u64>, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let before = self.member(id, user_id).await?.delivered_seq;
        if seq <= before {
            return Ok(None);
        }
        let op = MetaOp::DeliveredCursor {
            conversation_id: id,
            user_id,
            seq,
        };
        m.commit(&mut log, op).await?;
        Ok(Some(before))
    }

    async fn advance_read_cursor(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<u64, RepoError> {
        let m = &self.0;
        let mut log = m.log.lock().await;
        let current = self.member(id, user_id).await?.last_read_seq;
        if seq <= current {
            return Ok(current);
        }
        m.commit(
            &mut log,
            MetaOp::ReadCursor {
                conversation_id: id,
                user_id,
                seq,
            },
        )
        .await?;
        Ok(seq)
    }

    async fn memberships(&self, user_id: UserId) -> Result<Vec<Membership>, RepoError> {
        self.0.state.conversations.memberships(user_id).await
    }

    async fn sync_point(&self) -> Result<SyncPoint, RepoError> {
        self.0.state.conversations.sync_point().await
    }

    async fn left_since(
        &self,
        user_id: UserId,
        since: u64,
    ) -> Result<Vec<(ConversationId, u64)>, RepoError> {
        self.0.state.conversations.left_since(user_id, since).await
    }

    async fn contacts(&self, user_id: UserId) -> Result<Vec<UserId>, RepoError> {
        self.0.state.conversations.contacts(user_id).await
    }

    async fn list(
        &self,
        after: Option<ConversationId>,
        limit: usize,
    ) -> Result<Vec<Conversation>, RepoError> {
        self.0.state.conversations.list(after, limit).await
    }

    async fn count(&self) -> Result<u64, RepoError> {
        self.0.state.conversations.count().await
    }
}
