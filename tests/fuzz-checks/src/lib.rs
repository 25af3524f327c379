//! The properties the fuzz targets check, one function per target. Each takes the raw
//! bytes a fuzzer made and panics only when a promise is broken:
//!
//! - [`ws_frame`]: any text frame decodes to a request or to an error frame naming what
//!   is wrong (`bad_request` / `too_large`), with the client's `req` echoed.
//! - [`http_request`]: any method, path, headers and body sent to the HTTP API by a
//!   signed-in user gets a documented answer: never a 5xx, every error a JSON body with a
//!   code matching its status.
//! - [`txt_line`]: a record line with a valid checksum but any content, appended to a
//!   data file, makes opening the TXT store fail with a clear error or serve consistent
//!   history; never a panic.
//! - [`txt_recovery`]: a TXT data directory with files truncated, extended with junk or
//!   flipped anywhere opens with a clear error or serves only what was stored: every
//!   message is the one written or refused as damaged, a new append gets the next seq and
//!   survives a reopen.
//!
//! `fuzz/` (cargo fuzz, nightly) calls these; `tests/corpus.rs` replays the saved corpus
//! and every past crash through them on stable, in the normal test run.

mod http_request;
mod txt_files;
mod ws_frame;

pub use http_request::http_request;
pub use txt_files::{txt_line, txt_recovery};
pub use ws_frame::ws_frame;
