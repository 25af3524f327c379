use async_trait::async_trait;

use crate::entities::{Conversation, DirectPair, Participant, ParticipantRole};
use crate::ids::{ConversationId, UserId};
use crate::ports::SyncPoint;
use crate::RepoError;

/// A conversation seen from one member: the conversation and their participation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    /// The conversation.
    pub conversation: Conversation,
    /// The member's row (role, read cursor).
    pub participant: Participant,
    /// The stamp of the conversation's last change seen by every member: created, a
    /// member added or removed, a role changed (see [`SyncPoint`]).
    pub conversation_stamp: u64,
    /// The stamp of the last change to this member's own row: joined, read cursor
    /// moved, muted or unmuted.
    pub member_stamp: u64,
}

/// Stores conversations, their participants and read cursors.
#[async_trait]
pub trait ConversationRepository: Send + Sync {
    /// Stores a new group with its first members, all or nothing, each as given: role,
    /// join time, read and delivery cursors, mute and sent mark (a copy from another
    /// store keeps them).
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if the id exists or `members` names a user twice.
    async fn create_group(
        &self,
        conversation: &Conversation,
        members: &[Participant],
    ) -> Result<(), RepoError>;

    /// The direct conversation of `pair`, creating it from `candidate` and its two
    /// `participants` (stored as given, as by [`create_group`](Self::create_group)) if
    /// none exists. Exactly one conversation ever exists per pair, even under
    /// concurrent calls: every caller gets the same one. Returns it and whether this call
    /// created it.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] if `candidate` is not a direct conversation of `pair`.
    async fn get_or_create_direct(
        &self,
        pair: DirectPair,
        candidate: &Conversation,
        participants: [Participant; 2],
    ) -> Result<(Conversation, bool), RepoError>;

    /// The conversation with this id.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if there is none.
    async fn get(&self, id: ConversationId) -> Result<Conversation, RepoError>;

    /// Every participant of a conversation, ordered by join time (empty if unknown).
    async fn participants(&self, id: ConversationId) -> Result<Vec<Participant>, RepoError>;

    /// [`participants`](Self::participants) of each given conversation, in the given
    /// order (SQL stores answer a page of them in one query).
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn participants_of(
        &self,
        ids: &[ConversationId],
    ) -> Result<Vec<Vec<Participant>>, RepoError> {
        let mut all = Vec::with_capacity(ids.len());
        for &id in ids {
            all.push(self.participants(id).await?);
        }
        Ok(all)
    }

    /// One participant, or `None` if the user is not a member.
    async fn participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<Option<Participant>, RepoError>;

    /// Adds a member.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if the conversation does not exist;
    /// [`RepoError::Conflict`] if the user is already a member.
    async fn add_participant(&self, participant: &Participant) -> Result<(), RepoError>;

    /// Removes a member.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if the user is not a member.
    async fn remove_participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<(), RepoError>;

    /// Changes a member's role.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if the user is not a member.
    async fn set_role(
        &self,
        id: ConversationId,
        user_id: UserId,
        role: ParticipantRole,
    ) -> Result<(), RepoError>;

    /// Mutes or unmutes the conversation for a member (muted members get no push
    /// notifications). Removing a member forgets it.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if the user is not a member.
    async fn set_muted(
        &self,
        id: ConversationId,
        user_id: UserId,
        muted: bool,
    ) -> Result<(), RepoError>;

    /// Records that a member has sent a message in the conversation (see
    /// [`ConversationRepository::contacts`]); a second call changes nothing. Removing a
    /// member forgets it.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if the user is not a member.
    async fn mark_sent(&self, id: ConversationId, user_id: UserId) -> Result<(), RepoError>;

    /// Moves a member's delivery cursor to `seq` if that is further than where it is;
    /// never backwards. Returns the cursor before the call when it moved, `None` when it
    /// did not. (The caller bounds `seq` by the conversation's last seq.)
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if the user is not a member.
    async fn advance_delivered(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<Option<u64>, RepoError>;

    /// Moves a member's read cursor to `seq` if that is further than where it is; never
    /// backwards. Returns the cursor after the call. (The caller bounds `seq` by the
    /// conversation's last seq.)
    ///
    /// # Errors
    /// [`RepoError::NotFound`] if the user is not a member.
    async fn advance_read_cursor(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<u64, RepoError>;

    /// Every conversation the user is a member of, with their participation and the
    /// stamps of both, in any order.
    async fn memberships(&self, user_id: UserId) -> Result<Vec<Membership>, RepoError>;

    /// Where this store's change stamps stand (see [`SyncPoint`]): creating a
    /// conversation, adding or removing a member and changing a role stamp the
    /// conversation; joining, moving a read cursor and muting stamp the member's row;
    /// leaving stamps the departure. Delivery cursors and sent marks stamp nothing.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn sync_point(&self) -> Result<SyncPoint, RepoError>;

    /// The conversations `user_id` left or was removed from with a stamp above `since`,
    /// each once with the stamp of its latest departure, whether or not they are a
    /// member again.
    ///
    /// # Errors
    /// [`RepoError::Unavailable`] if the store does not answer.
    async fn left_since(
        &self,
        user_id: UserId,
        since: u64,
    ) -> Result<Vec<(ConversationId, u64)>, RepoError>;

    /// The users who share with `user_id` at least one conversation in which both have
    /// sent a message (not the user), each once: who may see each other's presence.
    /// Opening a conversation with someone, or adding them to a group, is not enough.
    async fn contacts(&self, user_id: UserId) -> Result<Vec<UserId>, RepoError>;

    /// Up to `limit` conversations ordered by id, starting after the id `after` if given:
    /// pages through every conversation, members or not (moving data between stores).
    async fn list(
        &self,
        after: Option<ConversationId>,
        limit: usize,
    ) -> Result<Vec<Conversation>, RepoError>;

    /// How many conversations exist.
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
