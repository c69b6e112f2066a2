//! Tests of resolving the caller: cookies, origins and client addresses.

use super::*;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.insert(
            header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    h
}

#[test]
fn a_write_from_the_public_origin_passes_and_from_elsewhere_does_not() {
    let o = "https://avrop.regionnorrvik.se";
    assert!(same_origin(&headers(&[("origin", o)]), o, false));
    assert!(!same_origin(&headers(&[("origin", "https://evil.example")]), o, false));
    assert!(!same_origin(&headers(&[]), o, false));
    assert!(same_origin(
        &headers(&[("referer", "https://avrop.regionnorrvik.se/admin")]),
        o,
        false
    ));
}

#[test]
fn development_also_accepts_the_host_the_browser_used() {
    let h = headers(&[("origin", "http://localhost:3000"), ("host", "localhost:3000")]);
    assert!(same_origin(&h, "http://127.0.0.1:3000", true));
    assert!(!same_origin(&h, "http://127.0.0.1:3000", false));
}

#[test]
fn the_session_cookie_is_found_among_others() {
    let h = headers(&[("cookie", "a=1; avrop_session=abc; b=2")]);
    let http = app::state::AuthConfig::default();
    assert_eq!(session_secret(&h, &http).as_deref(), Some("abc"));
    assert_eq!(session_secret(&headers(&[]), &http), None);
}

#[test]
fn on_https_only_the_host_prefixed_session_cookie_is_read() {
    let https = app::state::AuthConfig {
        secure_cookie: true,
        ..Default::default()
    };
    let h = headers(&[("cookie", "avrop_session=plain; __Host-avrop_session=abc")]);
    assert_eq!(session_secret(&h, &https).as_deref(), Some("abc"));
    let h = headers(&[("cookie", "avrop_session=plain")]);
    assert_eq!(session_secret(&h, &https), None);
}

fn from(peer: [u8; 4], forwarded_for: Option<&str>) -> Request<Body> {
    let mut req = Request::get("/").body(Body::empty()).unwrap();
    if let Some(v) = forwarded_for {
        req.headers_mut()
            .insert("x-forwarded-for", HeaderValue::from_str(v).unwrap());
    }
    req.extensions_mut().insert(ConnectInfo(SocketAddr::from((peer, 5000))));
    req
}

#[test]
fn the_client_address_is_the_peer_unless_a_proxy_is_trusted() {
    let none = TrustedProxies::default();
    let one = TrustedProxies::parse("1").unwrap();
    let two = TrustedProxies::parse("10.0.0.0/8").unwrap();
    let req = from([10, 0, 0, 2], Some("6.6.6.6, 203.0.113.7, 10.1.0.5"));
    assert_eq!(client_ip(&req, &none), "10.0.0.2");
    assert_eq!(client_ip(&req, &one), "10.1.0.5");
    assert_eq!(client_ip(&req, &two), "203.0.113.7");
    let mut split = from([10, 0, 0, 2], Some("6.6.6.6"));
    split
        .headers_mut()
        .append("x-forwarded-for", HeaderValue::from_static("203.0.113.7"));
    assert_eq!(client_ip(&split, &one), "203.0.113.7");
    let bare = Request::get("/").body(Body::empty()).unwrap();
    assert_eq!(client_ip(&bare, &one), "okänd");
}

#[test]
fn pages_read_the_headers_counts_with_the_session_and_other_requests_do_not() {
    let req = |method: Method, path: &str| Request::builder().method(method).uri(path).body(Body::empty()).unwrap();
    for page in ["/", "/katalog?q=latitude", "/forvaltning/plan/7", "/aviseringar"] {
        assert!(is_page(&req(Method::GET, page)), "{page}");
    }
    for other in [
        "/api/header/counts",
        "/api/v1/me",
        "/admin/katalog.csv",
        "/katalog/bild/12",
    ] {
        assert!(!is_page(&req(Method::GET, other)), "{other}");
    }
    assert!(!is_page(&req(Method::POST, "/katalog")), "a form's post");
}
