//! Thread standings as SQL stores keep them: the state as a small integer, and an
//! update as one upsert.

use chat_domain::entities::{FollowState, FollowUpdate};
use chat_domain::RepoError;

/// The column value of a state.
pub fn state_code(state: FollowState) -> i16 {
    match state {
        FollowState::Undecided => 0,
        FollowState::Following => 1,
        FollowState::Unfollowed => 2,
    }
}

/// The state of a column value.
///
/// # Errors
/// [`RepoError::Corrupt`] for a value no build writes.
pub fn state_of(code: i16) -> Result<FollowState, RepoError> {
    match code {
        0 => Ok(FollowState::Undecided),
        1 => Ok(FollowState::Following),
        2 => Ok(FollowState::Unfollowed),
        n => Err(RepoError::Corrupt(format!("thread follow state {n}"))),
    }
}

/// The upsert of `update`, in parts: the row it inserts when the member has none
/// (state, read seq), and the new state of an existing row as an SQL expression over
/// `current` (the stored state's column, as the dialect names it). The read seq of an
/// existing row becomes the greater of the stored and the inserted one.
pub fn upsert_parts(update: FollowUpdate, current: &str) -> (i16, u64, String) {
    let (state, read) = update.apply(None);
    let expr = match update {
        FollowUpdate::Follow | FollowUpdate::Unfollow | FollowUpdate::Replied(_) => {
            state_code(state).to_string()
        }
        FollowUpdate::Started => format!(
            "CASE WHEN {current} = {} THEN {} ELSE {current} END",
            state_code(FollowState::Undecided),
            state_code(FollowState::Following)
        ),
        FollowUpdate::Read(_) => current.to_owned(),
    };
    (state_code(state), read, expr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_domain::values::Seq;

    #[test]
    fn each_update_inserts_what_apply_makes_of_nothing() {
        let seq = Seq::new(3).unwrap();
        assert_eq!(
            upsert_parts(FollowUpdate::Read(seq), "s"),
            (0, 3, "s".into())
        );
        assert_eq!(
            upsert_parts(FollowUpdate::Replied(seq), "s"),
            (1, 3, "1".into())
        );
        let (state, read, expr) = upsert_parts(FollowUpdate::Started, "s");
        assert_eq!((state, read), (1, 0));
        assert_eq!(expr, "CASE WHEN s = 0 THEN 1 ELSE s END");
        for code in 0..3 {
            assert_eq!(state_code(state_of(code).unwrap()), code);
        }
        assert!(state_of(3).is_err());
    }
}
