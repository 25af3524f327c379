//! What a server needs beyond the types (feature `server`): the core's values as wire
//! values ([`mod@objects`], [`events`]), wire requests as the core's commands
//! ([`commands`]), and the one mapping from `AppError` to the wire ([`WireError`]).

pub mod commands;
mod errors;
pub mod events;
pub mod export;
mod integrations;
pub mod objects;
pub mod sync_cursor;

pub use errors::WireError;
