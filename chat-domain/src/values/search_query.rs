use chrono::{DateTime, Utc};

use crate::entities::{Message, MessageKind};
use crate::ids::ConversationId;
use crate::rules::{query_terms, QueryTerm};
use crate::values::Seq;
use crate::DomainError;

/// What a user searches for: 1-100 characters holding at least one letter, digit or CJK
/// character. It matches a live text message whose body contains it, without regard to
/// case.
///
/// ```
/// use chat_domain::values::SearchQuery;
/// let q = SearchQuery::parse("  会议 in Room ").unwrap();
/// assert!(q.matches_text("明天的会议 in room 3"));
/// assert!(SearchQuery::parse("!!").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    lowered: String,
    terms: Vec<QueryTerm>,
}

impl SearchQuery {
    /// Longest query, in characters.
    pub const MAX_CHARS: usize = 100;

    /// Parses a query.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] if it is blank, has no searchable character or is longer
    /// than [`Self::MAX_CHARS`].
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let q = raw.trim();
        if q.chars().nth(Self::MAX_CHARS).is_some() {
            return Err(DomainError::invalid("q", "at most 100 characters"));
        }
        let terms = query_terms(q);
        if terms.is_empty() {
            return Err(DomainError::invalid(
                "q",
                "must hold a letter, digit or character",
            ));
        }
        Ok(Self {
            lowered: q.to_lowercase(),
            terms,
        })
    }

    /// The terms an index lookup needs (see [`crate::rules::query_terms`]).
    pub fn terms(&self) -> &[QueryTerm] {
        &self.terms
    }

    /// Whether a body contains the query, without regard to case.
    pub fn matches_text(&self, body: &str) -> bool {
        body.to_lowercase().contains(&self.lowered)
    }

    /// Whether a message is a hit: live text whose body contains the query.
    pub fn matches(&self, m: &Message) -> bool {
        m.kind == MessageKind::Text && !m.deleted && self.matches_text(m.body.as_str())
    }
}

/// Where a page of search results ends: results are ordered newest first by
/// (`created_at`, `conversation_id`, `seq`), and the next page holds what sorts after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchCursor {
    /// The last result's time.
    pub created_at: DateTime<Utc>,
    /// Its conversation.
    pub conversation_id: ConversationId,
    /// Its seq.
    pub seq: Seq,
}

impl SearchCursor {
    /// The cursor just after `m`.
    pub fn after(m: &Message) -> Self {
        Self {
            created_at: m.created_at,
            conversation_id: m.conversation_id,
            seq: m.seq,
        }
    }

    /// The sort key of a message: results come in descending key order.
    pub fn key(m: &Message) -> (DateTime<Utc>, ConversationId, Seq) {
        (m.created_at, m.conversation_id, m.seq)
    }

    /// Whether `m` comes after this cursor (so belongs to the next page).
    pub fn admits(&self, m: &Message) -> bool {
        Self::key(m) < (self.created_at, self.conversation_id, self.seq)
    }

    /// The opaque text form clients pass back: `<unix micros>_<conversation>_<seq>`.
    pub fn encode(&self) -> String {
        format!(
            "{}_{}_{}",
            self.created_at.timestamp_micros(),
            self.conversation_id,
            self.seq.get()
        )
    }

    /// Parses [`Self::encode`]'s form.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] for anything else.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let bad = || DomainError::invalid("before", "not a search cursor");
        let mut parts = raw.splitn(3, '_');
        let micros: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let conversation_id = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let seq: u64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        Ok(Self {
            created_at: DateTime::from_timestamp_micros(micros).ok_or_else(bad)?,
            conversation_id,
            seq: Seq::new(seq).map_err(|_| bad())?,
        })
    }
}

/// A page of search results, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchPage {
    /// The hits.
    pub messages: Vec<Message>,
    /// Where the next page starts, if there may be more.
    pub next: Option<SearchCursor>,
    /// Set when a store that scans stopped at its scan budget: older messages were not
    /// examined.
    pub partial: bool,
}
