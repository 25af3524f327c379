//! What text shown as a name or a title may hold: no control or format characters
//! (bidi overrides and isolates, zero-width characters, the BOM, tag characters), no
//! more than [`MAX_MARKS`] combining marks on one character, and at least one
//! character that can be seen, so a name cannot pose as another or as nothing.

use unicode_general_category::{get_general_category, GeneralCategory as Gc};

use crate::DomainError;

/// Most combining marks on one base character: Vietnamese and Indic scripts need two or
/// three, stacked "Zalgo" text dozens.
pub const MAX_MARKS: usize = 8;

/// Letters that render as blank space (Hangul fillers, the Braille blank).
const BLANK_LETTERS: [char; 5] = ['\u{115F}', '\u{1160}', '\u{3164}', '\u{FFA0}', '\u{2800}'];

/// Whether `c` is a combining mark.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::NonspacingMark | Gc::SpacingMark | Gc::EnclosingMark
    )
}

/// Whether `c` is a format character (category Cf: bidi controls, zero-width joiners
/// and spaces, the BOM, soft hyphens, tag characters).
pub(crate) fn is_format(c: char) -> bool {
    get_general_category(c) == Gc::Format
}

/// Whether every format character in `text` is one that writing needs, where it needs
/// it: a joiner or non-joiner (U+200D, U+200C: emoji sequences, Persian and Indic
/// scripts) between two characters that are not format characters, or the tags of a
/// subdivision flag (🏴 followed by tags up to the cancel tag).
pub(crate) fn formats_in_place(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let is_tag = |c: &char| ('\u{E0020}'..='\u{E007F}').contains(c);
    let mut in_flag = false;
    for (i, &c) in chars.iter().enumerate() {
        if !is_format(c) {
            in_flag = c == '\u{1F3F4}';
            continue;
        }
        if is_tag(&c) {
            // Tags only after the black flag, ending with the cancel tag.
            let ends_well = c == '\u{E007F}' || chars.get(i + 1).is_some_and(is_tag);
            if !in_flag || !ends_well {
                return false;
            }
            in_flag = c != '\u{E007F}';
            continue;
        }
        let joins = c == '\u{200D}' || c == '\u{200C}';
        let plain = |n: Option<&char>| n.is_some_and(|n| !is_format(*n));
        if !joins || i == 0 || !plain(chars.get(i - 1)) || !plain(chars.get(i + 1)) {
            return false;
        }
    }
    true
}

/// Checks `text` (already trimmed) for the rules above.
///
/// # Errors
/// [`DomainError::Invalid`] for `field`, naming the rule broken.
pub(crate) fn check(field: &'static str, text: &str) -> Result<(), DomainError> {
    let bad = |why: &str| Err(DomainError::invalid(field, why.to_owned()));
    if text.chars().any(|c| {
        c.is_control()
            || matches!(
                get_general_category(c),
                Gc::LineSeparator | Gc::ParagraphSeparator
            )
    }) || !formats_in_place(text)
    {
        return bad("must not contain control or invisible formatting characters (bidi controls, zero-width characters)");
    }
    let mut run = 0;
    for c in text.chars() {
        run = if is_mark(c) { run + 1 } else { 0 };
        if run > MAX_MARKS {
            return bad("must not stack more than 8 combining marks on one character");
        }
    }
    let visible = |c: char| !c.is_whitespace() && !is_mark(c) && !BLANK_LETTERS.contains(&c);
    if !text.chars().any(visible) {
        return bad("must contain a visible character");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_pass() {
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        for ok in [
            "Ana",
            "王小明",
            "Nguyễn Thị Hương",
            "हिन्दी",
            "محمد",
            "😀 Joy",
            "a\u{301}\u{302}\u{303}",
            "家人 👨\u{200D}👩\u{200D}👧",
            "می\u{200C}خواهم",
            england,
        ] {
            assert!(check("name", ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn spoofing_and_invisible_names_are_refused() {
        let zalgo = format!("a{}", "\u{301}".repeat(9));
        for bad in [
            "admin\u{202E}nimda",
            "\u{2066}x\u{2069}",
            "ad\u{200B}min",
            "\u{FEFF}ana",
            "ana\u{E0041}",
            "\u{1F3F4}\u{E0067}\u{E0062}",
            "\u{200D}",
            "a\u{200D}",
            "a\u{200D}\u{200D}b",
            "\u{3164}",
            "\u{2800}\u{2800}",
            "\u{301}\u{301}",
            "a\u{2028}b",
            &zalgo,
        ] {
            assert!(check("name", bad).is_err(), "{bad:?}");
        }
        assert!(check("name", &format!("a{}", "\u{301}".repeat(8))).is_ok());
    }

    #[test]
    fn a_name_stored_under_the_earlier_rules_still_reads_back() {
        use crate::values::{DisplayName, Title};
        assert!(DisplayName::parse("ad\u{200B}min").is_err());
        assert_eq!(
            DisplayName::from_stored("ad\u{200B}min").unwrap().as_str(),
            "ad\u{200B}min"
        );
        assert!(Title::from_stored("\u{202E}team").is_ok());
        assert!(Title::from_stored("a\nb").is_err());
    }
}
