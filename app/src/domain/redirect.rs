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
mod tests;
