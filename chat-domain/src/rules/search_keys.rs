//! Search terms as 64-bit keys, for stores that index them in a plain B-tree (the SQL
//! stores): a text is found under each of its [terms](super::index_terms) and each word's
//! prefixes; a query looks up the key of its most selective term. A key only nominates a
//! candidate (two terms may share a hash): stores confirm each one with
//! [`SearchQuery::matches`].
//!
//! Keys are persisted by the stores that use them, so [`key_of`] and the prefix lengths
//! never change without those stores rebuilding their indexes.

use super::index_terms;
use crate::values::SearchQuery;

/// Longest word prefix stored, in characters; a longer query word is looked up by its
/// prefix of this length.
const MAX_PREFIX_CHARS: usize = 15;

/// The 64-bit FNV-1a hash of a term: stable across builds and processes.
///
/// ```
/// assert_eq!(chat_domain::rules::key_of("a"), 0xaf63_dc4c_8601_ec8c);
/// ```
pub fn key_of(term: &str) -> u64 {
    term.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The keys a text body is found under, sorted and without repeats: its terms, and each
/// word's prefixes of two characters or more (so a query word finds the words it begins).
///
/// ```
/// use chat_domain::rules::{key_of, search_keys};
/// let keys = search_keys("Meeting 开会");
/// assert!(keys.contains(&key_of("meet")) && keys.contains(&key_of("开会")));
/// ```
pub fn search_keys(body: &str) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for term in index_terms(body) {
        let chars: Vec<(usize, char)> = term.char_indices().collect();
        let word = chars.len() > 1 || chars.first().is_some_and(|(_, c)| c.is_ascii());
        if word {
            for n in 2..chars.len().min(MAX_PREFIX_CHARS + 1) {
                out.push(key_of(&term[..chars[n].0]));
            }
        }
        out.push(key_of(&term));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The key a search looks up: its longest term (likely the rarest), a long word by its
/// longest stored prefix.
///
/// ```
/// use chat_domain::rules::{key_of, lookup_key};
/// use chat_domain::values::SearchQuery;
/// let q = SearchQuery::parse("deploy 好").unwrap();
/// assert_eq!(lookup_key(&q), key_of("deploy"));
/// ```
pub fn lookup_key(query: &SearchQuery) -> u64 {
    let term = query
        .terms()
        .iter()
        .max_by_key(|t| t.term.chars().count())
        .map(|t| {
            if t.prefix && t.term.chars().count() > MAX_PREFIX_CHARS {
                t.term.chars().take(MAX_PREFIX_CHARS).collect()
            } else {
                t.term.clone()
            }
        })
        .unwrap_or_default();
    key_of(&term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_by_their_prefixes_and_not_by_their_middles() {
        let keys = search_keys("Meeting 开会");
        for q in ["me", "meet", "meeting", "开会", "开", "会"] {
            assert!(keys.contains(&key_of(q)), "{q}");
        }
        assert!(!keys.contains(&key_of("eting")));
    }

    #[test]
    fn a_long_query_word_is_looked_up_by_a_prefix_the_body_was_stored_under() {
        let long = "internationalisation";
        let keys = search_keys(&format!("about {long}"));
        let query = SearchQuery::parse(long).unwrap();
        assert!(keys.contains(&lookup_key(&query)));
        let shorter = SearchQuery::parse("internationalis").unwrap();
        assert!(keys.contains(&lookup_key(&shorter)));
    }
}
