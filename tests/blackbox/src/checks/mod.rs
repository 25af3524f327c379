//! The checks, by area; each drives the server only through protocol v1.

mod accounts;
mod conversations;
mod files;
mod messages;
mod service;
mod sockets;
mod sync;

pub use accounts::*;
pub use conversations::*;
pub use files::*;
pub use messages::*;
pub use service::*;
pub use sockets::*;
pub use sync::*;
