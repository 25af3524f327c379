//! The business rules, as pure functions over entities. Use cases call these rather than
//! re-deciding; each returns the reason a client sees when it says no.

mod access;
mod read_cursor;

pub use access::{
    ensure_can_add_member, ensure_can_login, ensure_can_remove_member, ensure_can_send,
    ensure_member, successor_owner,
};
pub use read_cursor::advance_read_cursor;
