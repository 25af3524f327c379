//! Golden stores: data directories and databases written by earlier builds, with the
//! answers those builds gave when reading them, so every later build proves it still
//! opens them and serves the same history.
//!
//! Every answer goes through chat-blackbox's client, so it is also checked against the
//! OpenAPI document. `v1/` was written before the adapters had record types of their own
//! (their files and rows then held the domain's serde form); `v2/postgres` by the first
//! build with the PostgreSQL store. `cargo run -p chat-golden --bin write-golden -- <dir>
//! [store…]` writes a new set with the build at hand. `tests/replay.rs` serves a copy of
//! each set and replays its exchanges.

/// Stands for the schema's name in a PostgreSQL dump: the replay loads it into a schema
/// of its own.
pub const SCHEMA_PLACEHOLDER: &str = "chat_golden_schema";

pub mod exchange;
pub mod scenario;
pub mod server;
