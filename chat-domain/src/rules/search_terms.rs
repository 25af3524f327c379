//! How text is cut into search terms, for stores that index words (MySQL's FULLTEXT).
//! Chinese, Japanese and Korean are written without spaces, so runs of those characters
//! are indexed as each character and each pair of neighbours (bigrams); other scripts by
//! lowercased words. A query matches a message when every query term is among the
//! message's terms (a query word also matches words it begins); stores then confirm the
//! match on the text itself, since two bigrams may sit apart.

/// Longest word kept, in bytes; longer words are cut (a query still matches by prefix).
const MAX_WORD_BYTES: usize = 40;

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FFFF) // CJK extensions B-F
}

/// One term of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    /// The term.
    pub term: String,
    /// Whether it also matches longer words it begins (query words do; bigrams do not).
    pub prefix: bool,
}

fn cut(mut word: String) -> String {
    if word.len() > MAX_WORD_BYTES {
        let mut end = MAX_WORD_BYTES;
        while !word.is_char_boundary(end) {
            end -= 1;
        }
        word.truncate(end);
    }
    word
}

/// A piece of text: a lowercased word, or a run of CJK characters.
enum Run {
    Word(String),
    Cjk(Vec<char>),
}

fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            han.push(c);
            continue;
        }
        if !han.is_empty() {
            out.push(Run::Cjk(std::mem::take(&mut han)));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(Run::Word(std::mem::take(&mut word)));
        }
    }
    if !word.is_empty() {
        out.push(Run::Word(word));
    }
    if !han.is_empty() {
        out.push(Run::Cjk(han));
    }
    out
}

/// The distinct terms a message body is indexed under.
///
/// ```
/// use chat_domain::rules::index_terms;
/// assert_eq!(index_terms("Deploy 你好吗"), ["deploy", "你", "好", "吗", "你好", "好吗"]);
/// ```
pub fn index_terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut add = |t: String| {
        if !terms.contains(&t) {
            terms.push(t);
        }
    };
    for run in runs(text) {
        match run {
            Run::Word(w) => add(cut(w)),
            Run::Cjk(han) => {
                for c in &han {
                    add(c.to_string());
                }
                for pair in han.windows(2) {
                    add(pair.iter().collect());
                }
            }
        }
    }
    terms
}

/// The terms a query needs: each word (matching by prefix), and each CJK run's bigrams
/// (or the character alone, for a one-character run).
///
/// ```
/// use chat_domain::rules::query_terms;
/// let terms: Vec<_> = query_terms("Dep 你好吗").into_iter().map(|t| t.term).collect();
/// assert_eq!(terms, ["dep", "你好", "好吗"]);
/// ```
pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let mut terms: Vec<QueryTerm> = Vec::new();
    let mut add = |term: String, prefix: bool| {
        if !terms.iter().any(|t| t.term == term) {
            terms.push(QueryTerm { term, prefix });
        }
    };
    for run in runs(query) {
        match run {
            Run::Word(w) => add(cut(w), true),
            Run::Cjk(han) => {
                if han.len() == 1 {
                    add(han[0].to_string(), false);
                }
                for pair in han.windows(2) {
                    add(pair.iter().collect(), false);
                }
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_term_of_a_contained_phrase_is_an_index_term() {
        let body = "明天下午三点开会 Meeting tomorrow at 3pm, 会议室B";
        let index = index_terms(body);
        for q in [
            "开会",
            "下午三点",
            "meet",
            "TOMORROW",
            "会议室",
            "3pm",
            "会",
            "b",
        ] {
            for t in query_terms(q) {
                let hit = index.iter().any(|i| {
                    if t.prefix {
                        i.starts_with(&t.term)
                    } else {
                        *i == t.term
                    }
                });
                assert!(hit, "{q}: {t:?} not in {index:?}");
            }
        }
    }

    #[test]
    fn long_words_are_cut_on_a_character_boundary() {
        let long = "é".repeat(30);
        let terms = index_terms(&long);
        assert!(terms[0].len() <= MAX_WORD_BYTES);
        assert!(long.starts_with(&terms[0]));
    }
}
