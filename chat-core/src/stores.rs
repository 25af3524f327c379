//! The backends the builder takes, each opened as one bundle: [`Storage`] for accounts,
//! conversations and messages, [`Live`] for presence, fan-out and rate limits. Every
//! store closes the same way ([`Storage::close`]).
//!
//! - in memory: [`memory`], [`local`] (the defaults);
//! - plain text files: [`txt`] (feature `txt`, on by default), with [`localfs`] for
//!   uploaded files;
//! - MySQL or MariaDB: [`mysql`] (feature `mysql`);
//! - PostgreSQL: [`postgres`] (feature `postgres`);
//! - live state shared by several nodes on Redis: [`redis`] (feature `redis`).

pub use chat_domain::ports::{Live, Storage};
pub use chat_memory::{live as local, storage as memory};

#[cfg(feature = "txt")]
pub use chat_adapter_localfs as localfs;
#[cfg(feature = "mysql")]
pub use chat_adapter_mysql as mysql;
#[cfg(feature = "postgres")]
pub use chat_adapter_postgres as postgres;
#[cfg(feature = "redis")]
pub use chat_adapter_redis as redis;
#[cfg(feature = "txt")]
pub use chat_adapter_txt as txt;
#[cfg(feature = "webhook")]
pub use chat_adapter_webhook as webhook;
