//! The business rules, as pure functions over entities. Use cases call these rather than
//! re-deciding; each returns the reason a client sees when it says no.

mod access;
mod challenges;
mod message_changes;
mod pins;
mod read_cursor;
mod search_keys;
mod search_terms;

pub use access::{
    ensure_can_add_member, ensure_can_login, ensure_can_manage_webhooks, ensure_can_remove_member,
    ensure_can_send, ensure_member, successor_owner, NOT_A_MEMBER,
};
pub use challenges::{
    challenge_claim_key, login_failures_from_key, login_failures_key, login_needs_challenge,
    LOGIN_FAILURES_BEFORE_CHALLENGE, LOGIN_FAILURE_WINDOW,
};
pub use message_changes::{ensure_can_edit, ensure_can_recall, mentioned_usernames};
pub use pins::{ensure_can_pin, ensure_pin_fits, MAX_PINS};
pub use read_cursor::advance_read_cursor;
pub use search_keys::{key_of, lookup_key, search_keys};
pub use search_terms::{index_terms, query_terms, QueryTerm};
