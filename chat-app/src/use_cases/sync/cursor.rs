//! The sync cursor: where a client's last sync answer left it, per store.
//!
//! Each store stamps changes in its own sequence (conversations and message logs may
//! live in two stores), so the cursor holds one [`StampMark`] for each. A mark is the
//! settled point the last answer was read at, plus the conversations stamped above it
//! that the client already has as they are (`seen`), so asking again right away answers
//! nothing even where a store settles a few seconds behind its clock.

use chat_domain::ids::ConversationId;
use chat_domain::ports::{LogMark, Membership};

/// Most `seen` entries a mark carries; past that it carries none (the next answer may
/// then repeat a few conversations, which is harmless).
pub const SEEN_MAX: usize = 64;

/// An opaque sync cursor, as the wire encodes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncCursor {
    /// The conversation store's mark.
    pub conversations: StampMark,
    /// The message store's mark.
    pub messages: StampMark,
    /// Set while an answer is paged.
    pub page: Option<SyncPage>,
}

/// Where one store's stamps stood for the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StampMark {
    /// The store's epoch.
    pub epoch: u64,
    /// Changes stamped above this are news.
    pub since: u64,
    /// Conversations stamped above `since` that the client has as they are, with their
    /// fingerprints (see [`conversation_print`], [`departure_print`], [`log_print`]).
    pub seen: Vec<(ConversationId, u64)>,
}

/// An answer in pages: what the next page continues from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncPage {
    /// The next page starts after this conversation id.
    pub after: ConversationId,
    /// A full state (no `since`) rather than changes.
    pub full: bool,
    /// Where the conversation store stood at the first page: the last page's cursor.
    pub conversations_until: u64,
    /// Where the message store stood at the first page.
    pub messages_until: u64,
}

fn mix(a: u64, b: u64) -> u64 {
    a.rotate_left(29) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A membership's state in the conversation store, as one number.
pub fn conversation_print(m: &Membership) -> u64 {
    mix(m.conversation_stamp, m.member_stamp)
}

/// A departure's, as one number (apart from any membership's).
pub fn departure_print(stamp: u64) -> u64 {
    mix(stamp, u64::MAX)
}

/// A message log's, as one number.
pub fn log_print(mark: &LogMark) -> u64 {
    mark.stamp
}

impl StampMark {
    /// Whether a conversation stamped `stamp` with this fingerprint is news.
    pub(crate) fn is_news(&self, id: ConversationId, stamp: u64, print: u64) -> bool {
        stamp > self.since && !self.seen.contains(&(id, print))
    }

    /// A mark at `until`, seeing the given conversations stamped above it.
    pub(crate) fn at(
        epoch: u64,
        until: u64,
        stamped: impl Iterator<Item = (ConversationId, u64, u64)>,
    ) -> Self {
        let mut seen: Vec<_> = stamped
            .filter(|&(_, stamp, _)| stamp > until)
            .map(|(id, _, print)| (id, print))
            .collect();
        if seen.len() > SEEN_MAX {
            seen.clear();
        }
        seen.sort_unstable();
        Self {
            epoch,
            since: until,
            seen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_sees_only_what_is_above_it_and_gives_up_past_the_cap() {
        let (a, b) = (ConversationId::new(), ConversationId::new());
        let mark = StampMark::at(7, 10, [(a, 10, 1), (b, 11, 2)].into_iter());
        assert_eq!(mark.seen, [(b, 2)]);
        assert!(!mark.is_news(b, 11, 2), "seen as it is");
        assert!(mark.is_news(b, 11, 3), "changed since");
        assert!(!mark.is_news(a, 10, 9), "at the mark is old");
        let many = (0..=SEEN_MAX as u64).map(|i| (ConversationId::new(), 20 + i, i));
        assert!(StampMark::at(7, 10, many).seen.is_empty());
    }

    #[test]
    fn prints_tell_the_two_stamps_apart() {
        assert_ne!(mix(1, 2), mix(2, 1));
        assert_ne!(departure_print(5), mix(5, 0));
    }
}
