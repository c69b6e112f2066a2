//! What a search box takes: a term of at most [`MAX_TERM`] characters,
//! trimmed, and the `LIKE` pattern that finds it inside a text.

/// The longest search term, in characters, on every search box and API
/// (a longer one is refused, not cut: the database's `LIKE` has limits
/// of its own, and nobody searches with a paragraph).
pub const MAX_TERM: usize = 200;

/// The term as typed: trimmed, `None` when empty; a Swedish sentence
/// when it is longer than [`MAX_TERM`].
pub fn term(typed: &str) -> Result<Option<&str>, String> {
    let t = typed.trim();
    if t.is_empty() {
        Ok(None)
    } else if t.chars().count() > MAX_TERM {
        Err(format!("Sökningen får vara högst {MAX_TERM} tecken."))
    } else {
        Ok(Some(t))
    }
}

/// `%term%` in lower case, without the wildcards `%` and `_` (and NUL),
/// for `lower(column) LIKE pattern`.
pub fn contains_pattern(term: &str) -> String {
    format!("%{}%", term.to_lowercase().replace(['%', '_', '\0'], ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_trimmed_and_capped() {
        assert_eq!(term("  Dell "), Ok(Some("Dell")));
        assert_eq!(term("   "), Ok(None));
        assert_eq!(term(&"å".repeat(200)).map(|t| t.map(str::len)), Ok(Some(400)));
        assert_eq!(
            term(&"a".repeat(201)),
            Err("Sökningen får vara högst 200 tecken.".to_owned())
        );
        assert_eq!(contains_pattern("50%_Å"), "%50å%");
    }
}
