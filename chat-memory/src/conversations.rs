use async_trait::async_trait;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use chat_domain::entities::{Conversation, DirectPair, Participant, ParticipantRole};
use chat_domain::ids::{ConversationId, UserId};
use chat_domain::ports::{ConversationRepository, Membership, SyncPoint};
use chat_domain::RepoError;

use crate::lock;
use crate::stamps::new_epoch;

struct State {
    conversations: HashMap<ConversationId, Conversation>,
    /// Participants per conversation, in join order.
    participants: HashMap<ConversationId, Vec<Participant>>,
    by_user: HashMap<UserId, HashSet<ConversationId>>,
    direct: HashMap<DirectPair, ConversationId>,
    /// Change stamps (see `SyncPoint`): one counter, under the same lock as the state.
    epoch: u64,
    clock: u64,
    conversation_stamps: HashMap<ConversationId, u64>,
    member_stamps: HashMap<(ConversationId, UserId), u64>,
    departures: HashMap<UserId, HashMap<ConversationId, u64>>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            conversations: HashMap::new(),
            participants: HashMap::new(),
            by_user: HashMap::new(),
            direct: HashMap::new(),
            epoch: new_epoch(),
            clock: 0,
            conversation_stamps: HashMap::new(),
            member_stamps: HashMap::new(),
            departures: HashMap::new(),
        }
    }
}

impl State {
    fn insert(&mut self, conversation: &Conversation, members: &[Participant]) {
        self.conversations
            .insert(conversation.id, conversation.clone());
        self.stamp_conversation(conversation.id);
        for p in members {
            self.by_user
                .entry(p.user_id)
                .or_default()
                .insert(conversation.id);
            self.stamp_member(conversation.id, p.user_id);
        }
        self.participants.insert(conversation.id, members.to_vec());
    }

    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    fn stamp_conversation(&mut self, id: ConversationId) {
        let stamp = self.tick();
        self.conversation_stamps.insert(id, stamp);
    }

    fn stamp_member(&mut self, id: ConversationId, user_id: UserId) {
        let stamp = self.tick();
        self.member_stamps.insert((id, user_id), stamp);
    }

    fn member_mut(
        &mut self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<&mut Participant, RepoError> {
        self.participants
            .get_mut(&id)
            .and_then(|ps| ps.iter_mut().find(|p| p.user_id == user_id))
            .ok_or_else(|| RepoError::NotFound(format!("user {user_id} in conversation {id}")))
    }
}

/// [`ConversationRepository`] in memory.
#[derive(Default)]
pub struct MemoryConversations(Mutex<State>);

impl MemoryConversations {
    /// Every conversation with its participants (cursors included), for adapters that
    /// persist this state (snapshots).
    pub fn all(&self) -> Vec<(Conversation, Vec<Participant>)> {
        let s = lock(&self.0);
        s.conversations
            .values()
            .map(|c| {
                (
                    c.clone(),
                    s.participants.get(&c.id).cloned().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// The direct conversation of a pair, if one exists.
    pub fn direct_of(&self, pair: DirectPair) -> Option<Conversation> {
        let s = lock(&self.0);
        s.direct.get(&pair).map(|id| s.conversations[id].clone())
    }

    /// The pair of a direct conversation: `Some(None)` for a group, `None` if unknown.
    /// Synchronous, for storage layouts that name files after it.
    pub fn direct_pair_of(&self, id: ConversationId) -> Option<Option<DirectPair>> {
        lock(&self.0)
            .conversations
            .get(&id)
            .map(|c| c.direct_pair())
    }
}

#[async_trait]
impl ConversationRepository for MemoryConversations {
    async fn create_group(
        &self,
        conversation: &Conversation,
        members: &[Participant],
    ) -> Result<(), RepoError> {
        let distinct: HashSet<_> = members.iter().map(|p| p.user_id).collect();
        if distinct.len() != members.len() {
            return Err(RepoError::Conflict("a member is listed twice".into()));
        }
        let mut s = lock(&self.0);
        if s.conversations.contains_key(&conversation.id) {
            return Err(RepoError::Conflict(format!(
                "conversation {} exists",
                conversation.id
            )));
        }
        s.insert(conversation, members);
        Ok(())
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
        let mut s = lock(&self.0);
        if let Some(id) = s.direct.get(&pair) {
            return Ok((s.conversations[id].clone(), false));
        }
        if s.conversations.contains_key(&candidate.id) {
            return Err(RepoError::Conflict(format!(
                "conversation {} exists",
                candidate.id
            )));
        }
        s.direct.insert(pair, candidate.id);
        s.insert(candidate, &participants);
        Ok((candidate.clone(), true))
    }

    async fn get(&self, id: ConversationId) -> Result<Conversation, RepoError> {
        lock(&self.0)
            .conversations
            .get(&id)
            .cloned()
            .ok_or_else(|| RepoError::NotFound(format!("conversation {id}")))
    }

    async fn participants(&self, id: ConversationId) -> Result<Vec<Participant>, RepoError> {
        Ok(lock(&self.0)
            .participants
            .get(&id)
            .cloned()
            .unwrap_or_default())
    }

    async fn participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<Option<Participant>, RepoError> {
        Ok(lock(&self.0)
            .participants
            .get(&id)
            .and_then(|ps| ps.iter().find(|p| p.user_id == user_id).cloned()))
    }

    async fn add_participant(&self, participant: &Participant) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        let id = participant.conversation_id;
        let members = s
            .participants
            .get_mut(&id)
            .ok_or_else(|| RepoError::NotFound(format!("conversation {id}")))?;
        if members.iter().any(|p| p.user_id == participant.user_id) {
            return Err(RepoError::Conflict(format!(
                "user {} is already a member",
                participant.user_id
            )));
        }
        members.push(participant.clone());
        s.by_user.entry(participant.user_id).or_default().insert(id);
        s.stamp_conversation(id);
        s.stamp_member(id, participant.user_id);
        Ok(())
    }

    async fn remove_participant(
        &self,
        id: ConversationId,
        user_id: UserId,
    ) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        s.member_mut(id, user_id)?;
        if let Some(ps) = s.participants.get_mut(&id) {
            ps.retain(|p| p.user_id != user_id);
        }
        if let Some(convs) = s.by_user.get_mut(&user_id) {
            convs.remove(&id);
        }
        s.member_stamps.remove(&(id, user_id));
        s.stamp_conversation(id);
        let stamp = s.tick();
        s.departures.entry(user_id).or_default().insert(id, stamp);
        Ok(())
    }

    async fn mark_sent(&self, id: ConversationId, user_id: UserId) -> Result<(), RepoError> {
        lock(&self.0).member_mut(id, user_id)?.has_sent = true;
        Ok(())
    }

    async fn set_role(
        &self,
        id: ConversationId,
        user_id: UserId,
        role: ParticipantRole,
    ) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        s.member_mut(id, user_id)?.role = role;
        s.stamp_conversation(id);
        Ok(())
    }

    async fn set_muted(
        &self,
        id: ConversationId,
        user_id: UserId,
        muted: bool,
    ) -> Result<(), RepoError> {
        let mut s = lock(&self.0);
        let p = s.member_mut(id, user_id)?;
        if p.muted != muted {
            p.muted = muted;
            s.stamp_member(id, user_id);
        }
        Ok(())
    }

    async fn advance_delivered(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<Option<u64>, RepoError> {
        let mut s = lock(&self.0);
        let p = s.member_mut(id, user_id)?;
        let before = p.delivered_seq;
        if seq <= before {
            return Ok(None);
        }
        p.delivered_seq = seq;
        Ok(Some(before))
    }

    async fn advance_read_cursor(
        &self,
        id: ConversationId,
        user_id: UserId,
        seq: u64,
    ) -> Result<u64, RepoError> {
        let mut s = lock(&self.0);
        let p = s.member_mut(id, user_id)?;
        if seq <= p.last_read_seq {
            return Ok(p.last_read_seq);
        }
        p.last_read_seq = seq;
        s.stamp_member(id, user_id);
        Ok(seq)
    }

    async fn memberships(&self, user_id: UserId) -> Result<Vec<Membership>, RepoError> {
        let s = lock(&self.0);
        let Some(ids) = s.by_user.get(&user_id) else {
            return Ok(Vec::new());
        };
        Ok(ids
            .iter()
            .filter_map(|id| {
                let participant = s.participants[id].iter().find(|p| p.user_id == user_id)?;
                Some(Membership {
                    conversation: s.conversations[id].clone(),
                    participant: participant.clone(),
                    conversation_stamp: s.conversation_stamps.get(id).copied().unwrap_or(0),
                    member_stamp: s.member_stamps.get(&(*id, user_id)).copied().unwrap_or(0),
                })
            })
            .collect())
    }

    async fn sync_point(&self) -> Result<SyncPoint, RepoError> {
        let s = lock(&self.0);
        Ok(SyncPoint {
            epoch: s.epoch,
            settled: s.clock,
        })
    }

    async fn left_since(
        &self,
        user_id: UserId,
        since: u64,
    ) -> Result<Vec<(ConversationId, u64)>, RepoError> {
        let s = lock(&self.0);
        Ok(s.departures.get(&user_id).map_or_else(Vec::new, |left| {
            left.iter()
                .filter(|(_, &stamp)| stamp > since)
                .map(|(&id, &stamp)| (id, stamp))
                .collect()
        }))
    }

    async fn contacts(&self, user_id: UserId) -> Result<Vec<UserId>, RepoError> {
        let s = lock(&self.0);
        let mut out = BTreeSet::new();
        for id in s.by_user.get(&user_id).into_iter().flatten() {
            let members = &s.participants[id];
            if members.iter().any(|p| p.user_id == user_id && p.has_sent) {
                out.extend(members.iter().filter(|p| p.has_sent).map(|p| p.user_id));
            }
        }
        out.remove(&user_id);
        Ok(out.into_iter().collect())
    }

    async fn list(
        &self,
        after: Option<ConversationId>,
        limit: usize,
    ) -> Result<Vec<Conversation>, RepoError> {
        let s = lock(&self.0);
        let mut page: Vec<&Conversation> = s
            .conversations
            .values()
            .filter(|c| after.is_none_or(|a| c.id > a))
            .collect();
        // Only the page is sorted, not every conversation.
        let n = limit.min(page.len());
        if n < page.len() {
            page.select_nth_unstable_by_key(n, |c| c.id);
            page.truncate(n);
        }
        page.sort_unstable_by_key(|c| c.id);
        Ok(page.into_iter().cloned().collect())
    }

    async fn count(&self) -> Result<u64, RepoError> {
        Ok(lock(&self.0).conversations.len() as u64)
    }
}
