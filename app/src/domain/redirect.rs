//! Where to send someone after login: a return address that the browser
//! will read as a page of this site, decided by a URL parser rather than by
//! looking at prefixes.

use url::{Position, Url};

/// The base a return address is resolved against. Only its origin matters
/// (the result is a path), so a fixed name that can never be a real host
/// serves everywhere: an absolute address to any site, ours included, is
/// never kept.
const BASE: &str = "http://avrop.invalid/";

/// The login page: never a place to return to.
const LOGIN: &str = "/logga-in";

/// A safe place to return to after login: the path, query and fragment of
/// `next` when a browser resolves it to this site, else `/`.
///
/// `next` must be a path (`/…`); anything with a control character (TAB,
/// LF, CR: browsers drop them, so `/\t/evil.example` becomes
/// `//evil.example`), a backslash (read as `/`), a scheme, or a second
/// slash at the start (another host) goes to `/`, and so does the login
/// page itself.
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(resolve).unwrap_or_else(|| "/".to_owned())
}

fn resolve(next: &str) -> Option<String> {
    if !next.starts_with('/') || next.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let base = Url::parse(BASE).ok()?;
    let resolved = base.join(next).ok()?;
    if resolved.origin() != base.origin() {
        return None;
    }
    if resolved.path().starts_with(LOGIN) {
        return None;
    }
    let kept = &resolved[Position::BeforePath..];
    // What we hand back must resolve to itself (no second host hiding in it).
    (kept.starts_with('/') && !kept.starts_with("//")).then(|| kept.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn next_after_login_stays_on_this_site() {
        assert_eq!(safe_next(Some("/attestera?x=1")), "/attestera?x=1");
        assert_eq!(
            safe_next(Some("/katalog?q=latitude#resultat")),
            "/katalog?q=latitude#resultat"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("http://avrop.invalid/katalog")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("\\\\evil.example")), "/");
        assert_eq!(safe_next(Some("/logga-in")), "/");
        assert_eq!(safe_next(Some("/logga-in?next=/x")), "/");
        assert_eq!(safe_next(Some("/./logga-in")), "/");
        assert_eq!(safe_next(Some("katalog")), "/");
        assert_eq!(safe_next(Some("javascript:alert(1)")), "/");
        assert_eq!(safe_next(Some("")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn a_control_character_that_browsers_drop_never_opens_a_second_slash() {
        for c in ['\t', '\n', '\r', '\u{0}', '\u{1b}', '\u{7f}', '\u{85}'] {
            assert_eq!(safe_next(Some(&format!("/{c}/evil.example"))), "/", "{c:?}");
            assert_eq!(safe_next(Some(&format!("{c}//evil.example"))), "/", "{c:?}");
        }
    }

    #[test]
    fn dot_segments_and_odd_characters_are_resolved_as_a_browser_would() {
        assert_eq!(safe_next(Some("/a/../katalog")), "/katalog");
        assert_eq!(safe_next(Some("/..//evil.example")), "/");
        assert_eq!(safe_next(Some("/%2F%2Fevil.example")), "/%2F%2Fevil.example");
        assert_eq!(safe_next(Some("/sök plats")), "/s%C3%B6k%20plats");
    }

    /// Strings built from the characters that matter to a URL parser, so
    /// that the interesting cases come up often.
    fn tricky() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[/\\\\\t\n\r @:.?#%a-z0-9]{0,24}",
            "(/|//|///|\\\\|/\\\\|https?:|javascript:|\t|\n)?[/\\\\\t\n@:.?#%a-z]{0,16}",
        ]
    }

    proptest! {
        /// For any input the answer is `/` or a path that the parser, given
        /// the same base, resolves to this site, to exactly that path, free
        /// of control characters and backslashes, and never the login page.
        #[test]
        fn the_answer_is_home_or_a_path_the_parser_keeps_on_this_site(next in tricky()) {
            let kept = safe_next(Some(&next));
            if kept != "/" {
                let base = Url::parse(BASE).unwrap();
                let resolved = base.join(&kept).unwrap();
                prop_assert_eq!(resolved.origin(), base.origin());
                prop_assert_eq!(&resolved[Position::BeforePath..], kept.as_str());
                prop_assert!(kept.starts_with('/') && !kept.starts_with("//"), "{}", kept);
                prop_assert!(!kept.chars().any(|c| c.is_control() || c == '\\'), "{:?}", kept);
                prop_assert!(!resolved.path().starts_with(LOGIN));
                // And it is stable: what we hand back is kept as it is.
                prop_assert_eq!(safe_next(Some(&kept)), kept.clone());
            }
        }
    }
}
