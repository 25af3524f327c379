//! `LIKE` patterns.

/// The pattern for "starts with `prefix`", its wildcards escaped with `!` (to be named in
/// the query's `ESCAPE '!'`, so no server setting changes its meaning).
///
/// ```
/// use chat_sql_kit::like::starts_with;
/// assert_eq!(starts_with("a_b%c!\\"), "a!_b!%c!!\\%");
/// assert_eq!(starts_with(""), "%");
/// ```
pub fn starts_with(prefix: &str) -> String {
    let mut p = String::with_capacity(prefix.len() + 1);
    for c in prefix.chars() {
        if matches!(c, '!' | '%' | '_') {
            p.push('!');
        }
        p.push(c);
    }
    p.push('%');
    p
}
