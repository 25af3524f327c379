//! What is written beside the `messages` rows: who each message mentions (in the
//! append's transaction), and search terms (after it, by [`super::indexer`]).

use mysql_async::prelude::Queryable;
use mysql_async::Value;

use chat_domain::entities::{Message, NewMessage};
use chat_domain::rules::index_terms;
use chat_domain::values::Seq;

use crate::codec::to_db_time;

/// Longest word prefix indexed, in characters; longer query words match by their prefix.
const MAX_PREFIX_CHARS: usize = 16;

/// The 64-bit FNV-1a hash a term is stored under: stable across builds and processes.
pub(crate) fn term_hash(term: &str) -> u64 {
    term.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hashes a text body is found under: its terms, and each word's prefixes of two
/// characters or more (so a query word finds the words it begins).
pub(crate) fn stored_terms(body: &str) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    for term in index_terms(body) {
        let chars: Vec<(usize, char)> = term.char_indices().collect();
        let word = chars.len() > 1 || chars.first().is_some_and(|(_, c)| c.is_ascii());
        if word {
            for n in 2..chars.len().min(MAX_PREFIX_CHARS) {
                out.push(term_hash(&term[..chars[n].0]));
            }
        }
        out.push(term_hash(&term));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The `message_terms` rows of live text messages, as parameters for [`insert_terms`].
pub(crate) fn term_rows(messages: &[&Message]) -> Vec<Value> {
    let mut rows = Vec::new();
    for m in messages {
        for term in stored_terms(m.body.as_str()) {
            rows.extend([
                m.conversation_id.as_uuid().into(),
                term.into(),
                to_db_time(m.created_at).into(),
                m.seq.get().into(),
            ]);
        }
    }
    rows
}

/// Inserts `message_terms` rows (from [`term_rows`]), in chunks, keeping rows already there.
pub(crate) async fn insert_terms<Q: Queryable>(
    q: &mut Q,
    rows: Vec<Value>,
) -> Result<(), mysql_async::Error> {
    for chunk in rows.chunks(4 * 1000) {
        let marks = vec!["(?, ?, ?, ?)"; chunk.len() / 4].join(", ");
        q.exec_drop(
            format!(
                "INSERT IGNORE INTO message_terms (conversation_id, term, created_at, seq) \
                 VALUES {marks}"
            ),
            chunk.to_vec(),
        )
        .await?;
    }
    Ok(())
}

/// Inserts the mentions of freshly stored messages.
pub(super) async fn insert(
    tx: &mut mysql_async::Transaction<'_>,
    rows: &[(&NewMessage, Seq)],
) -> Result<(), mysql_async::Error> {
    let mut mentions: Vec<Value> = Vec::new();
    for (m, seq) in rows {
        for user in &m.mentions {
            mentions.extend([
                m.conversation_id.as_uuid().into(),
                seq.get().into(),
                user.as_uuid().into(),
            ]);
        }
    }
    if !mentions.is_empty() {
        let marks = vec!["(?, ?, ?)"; mentions.len() / 3].join(", ");
        tx.exec_drop(
            format!("INSERT INTO mentions (conversation_id, seq, user_id) VALUES {marks}"),
            mentions,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_by_their_prefixes_and_hashes_are_stable() {
        let terms = stored_terms("Meeting 开会");
        for q in ["me", "meet", "meeting", "开会", "开", "会"] {
            assert!(terms.contains(&term_hash(q)), "{q}");
        }
        assert!(!terms.contains(&term_hash("eting")));
        assert_eq!(term_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
