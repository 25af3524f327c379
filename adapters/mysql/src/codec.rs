//! Shared conversions between the domain's types and column values.

use chrono::{DateTime, NaiveDateTime, Utc};
use mysql_async::prelude::FromRow;
use mysql_async::Row;

use chat_domain::RepoError;

use crate::error::corrupt;

/// A time as a `DATETIME(6)` value, in UTC.
pub(crate) fn to_db_time(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

/// A `DATETIME(6)` value, stored in UTC.
pub(crate) fn from_db_time(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Decodes a row into a tuple of column types; a mismatch means the data is not what
/// this schema version wrote.
pub(crate) fn decode<T: FromRow>(row: Row, what: &str) -> Result<T, RepoError> {
    mysql_async::from_row_opt(row).map_err(|e| corrupt(what, e))
}
