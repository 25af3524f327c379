//! The pure chat domain.
//!
//! Entities ([`entities`]), value objects that can only hold valid data ([`values`]),
//! the business rules ([`rules`]), domain events ([`events`]) and the port traits that
//! adapters implement ([`ports`]). This crate performs no I/O and knows no runtime:
//! its only dependencies are thiserror, uuid, chrono and async-trait, and a test
//! (`tests/purity.rs`) keeps it that way. Its types are not a file or network format:
//! they have no serde forms, so each adapter keeps records of its own and the protocol
//! its own wire types.
//!
//! ```
//! use chat_domain::values::{Username, MessageBody};
//! use chat_domain::entities::MessageKind;
//!
//! let name = Username::parse("alice_01").unwrap();
//! assert_eq!(name.as_str(), "alice_01");
//! assert!(Username::parse("a").is_err());
//! assert!(MessageBody::parse(MessageKind::Text, "   ").is_err());
//! ```

pub mod entities;
pub mod error;
pub mod events;
pub mod ids;
pub mod ports;
pub mod rules;
pub mod values;

pub use error::{DomainError, RepoError};
