//! Tests of the return addresses after login.

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
