//! Shared conversions between the domain's numbers and column values: seqs and versions
//! are `bigint`, which holds every value the domain makes (they count up from 1).

use chat_domain::values::Seq;
use chat_domain::RepoError;

use crate::error::corrupt;

/// A count or cursor as a `bigint`; values past `i64::MAX` (never reached by counting)
/// saturate, which keeps range bounds like "everything before" meaning what they say.
pub(crate) fn big(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A `bigint` count or cursor read back; a negative one was not written by this store.
pub(crate) fn count(n: i64, what: &str) -> Result<u64, RepoError> {
    u64::try_from(n).map_err(|_| corrupt(what, n))
}

/// A `bigint` seq read back.
pub(crate) fn seq(n: i64, what: &str) -> Result<Seq, RepoError> {
    Seq::new(count(n, what)?).map_err(|e| corrupt(what, e))
}
