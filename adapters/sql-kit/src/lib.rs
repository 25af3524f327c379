//! What the SQL stores share: the parts of an append path and a search index that do not
//! depend on the database, written once over small traits each store's driver code
//! implements.
//!
//! - [`batch`]: group commit. Appends that arrive together share one transaction
//!   ([`Committer::commit`]); a batch that meets a unique key (a retried send) is settled
//!   by answering the retries with their stored twins and committing the rest again.
//! - [`indexer`]: search indexing off the append path, one conversation at a time
//!   ([`SearchIndex::index_chunk`]), with the catch-up a search runs first.
//! - [`like`]: `LIKE` patterns for prefix searches.
//! - [`stamps`]: the sync stamps' settle window, what a write stamps, and the fence that
//!   stamps a slow write again.
//! - [`follows`]: thread standings as a state code and one upsert per update.
//! - [`events`]: queued events as a row's columns and back; [`reports`]: a report's
//!   action as a column.
//! - [`group_by_conversation`]: the members of many conversations, read in one query,
//!   handed back per conversation.
//!
//! [`AppendPath`] puts the first two together as a store's `append` and `append_all`.

mod appends;
pub mod batch;
pub mod events;
pub mod follows;
mod grouping;
pub mod indexer;
pub mod like;
pub mod reports;
pub mod stamps;

pub use appends::AppendPath;
pub use batch::{Batcher, Committer, Limits};
pub use grouping::group_by_conversation;
pub use indexer::{catch_up, Indexer, SearchIndex};
