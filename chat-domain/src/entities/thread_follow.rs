use crate::ids::{ConversationId, UserId};
use crate::values::Seq;

/// Whether a member follows a thread: [`FollowState::Undecided`] until it starts,
/// replies in, follows or unfollows the thread. Only `Following` counts as following.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FollowState {
    /// Never chosen (the member has only read the thread): not following, but the
    /// thread's start still makes its root's author follow it.
    #[default]
    Undecided,
    /// Following: the thread's replies count as unread and are pushed.
    Following,
    /// Chosen not to follow; only the member's own reply or follow changes that.
    Unfollowed,
}

/// A member's standing in one thread: whether it follows it, and how far it has read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreadFollow {
    /// The thread's conversation.
    pub conversation_id: ConversationId,
    /// The thread's root.
    pub root: Seq,
    /// The member.
    pub user_id: UserId,
    /// Following or not.
    pub state: FollowState,
    /// The newest seq of the thread the member has read (0: none).
    pub read_seq: u64,
}

/// One change to a member's standing in a thread.
///
/// ```
/// use chat_domain::entities::{FollowState, FollowUpdate};
/// use chat_domain::values::Seq;
///
/// let unfollowed = FollowUpdate::Unfollow.apply(None);
/// // The root's author who unfollowed is not made to follow again by later replies…
/// assert_eq!(FollowUpdate::Started.apply(Some(unfollowed)).0, FollowState::Unfollowed);
/// // …but its own reply follows the thread again, and reads it up to the reply.
/// let seq = Seq::new(7).unwrap();
/// assert_eq!(FollowUpdate::Replied(seq).apply(Some(unfollowed)), (FollowState::Following, 7));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUpdate {
    /// Follow (an explicit choice).
    Follow,
    /// Stop following (an explicit choice).
    Unfollow,
    /// The thread got a reply and the member wrote its root: follow unless it chose.
    Started,
    /// The member replied at this seq: follow, and it has read the thread up to there.
    Replied(Seq),
    /// The member read the thread up to this seq (the cursor never moves back).
    Read(Seq),
}

impl FollowUpdate {
    /// The standing (state, read seq) after this update, from the current one (`None`:
    /// the member has none in this thread yet).
    pub fn apply(self, current: Option<(FollowState, u64)>) -> (FollowState, u64) {
        let (state, read) = current.unwrap_or_default();
        match self {
            Self::Follow => (FollowState::Following, read),
            Self::Unfollow => (FollowState::Unfollowed, read),
            Self::Started if state == FollowState::Undecided => (FollowState::Following, read),
            Self::Started => (state, read),
            Self::Replied(seq) => (FollowState::Following, read.max(seq.get())),
            Self::Read(seq) => (state, read.max(seq.get())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn started_follows_only_the_undecided_and_reads_never_move_back() {
        let s = |n| Seq::new(n).unwrap();
        let undecided = FollowUpdate::Read(s(5)).apply(None);
        assert_eq!(undecided, (FollowState::Undecided, 5));
        assert_eq!(
            FollowUpdate::Started.apply(Some(undecided)),
            (FollowState::Following, 5)
        );
        let followed = FollowUpdate::Follow.apply(Some(undecided));
        assert_eq!(FollowUpdate::Read(s(3)).apply(Some(followed)).1, 5);
        assert_eq!(FollowUpdate::Replied(s(4)).apply(Some(followed)).1, 5);
        assert_eq!(
            FollowUpdate::Unfollow.apply(Some(followed)),
            (FollowState::Unfollowed, 5)
        );
    }
}
