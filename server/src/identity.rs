//! Who is calling: resolves the session cookie or bearer token of every
//! request into a `Ctx` (a request extension that server functions and API
//! handlers read), and refuses cross-site writes (CSRF).

use app::auth::service as auth;
use app::ctx::Ctx;
use app::domain::client_address::{client_address, TrustedProxies};
use app::error::AppError;
use app::state::{AppState, ClientIp};
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// The client's address: the TCP peer, or with trusted proxies the first
/// hop of `X-Forwarded-For` from the right that is not one of them (see
/// [`client_address`]). `okänd` without a peer (in-process tests).
pub fn client_ip(req: &Request<Body>, trusted: &TrustedProxies) -> String {
    let Some(peer) = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) else {
        return "okänd".into();
    };
    if trusted.is_none() {
        return peer.to_canonical().to_string();
    }
    // A value that is not text is an entry that is not an address: the
    // walk stops there.
    let forwarded_for: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().unwrap_or(""))
        .collect();
    client_address(&forwarded_for, peer, trusted).to_string()
}

/// The value of one cookie in the request.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| cookie::Cookie::parse(c.trim().to_owned()).ok())
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The only paths that accept a bearer token: the JSON API.
pub const TOKEN_PATHS: &str = "/api/v1/";

fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a browser write comes from Avrop's own pages: its `Origin` (or,
/// failing that, `Referer`) must be the public origin; in development also
/// the host the browser used.
pub fn same_origin(headers: &HeaderMap, public_origin: &str, development: bool) -> bool {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            let referer: http::Uri = headers.get(header::REFERER)?.to_str().ok()?.parse().ok()?;
            Some(format!("{}://{}", referer.scheme_str()?, referer.authority()?))
        });
    let Some(origin) = origin else { return false };
    if origin == public_origin {
        return true;
    }
    development
        && headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|host| origin == format!("http://{host}"))
}

/// Removes the session cookie (under the name this configuration uses).
pub fn clear_session_cookie(cfg: &app::state::AuthConfig) -> HeaderValue {
    HeaderValue::from_str(&app::auth::server_fns::clear_session_cookie(cfg)).unwrap_or(HeaderValue::from_static(""))
}

/// The session cookie's value, read under the one name this configuration
/// uses (`__Host-avrop_session` on https, `avrop_session` on http).
pub fn session_secret(headers: &HeaderMap, cfg: &app::state::AuthConfig) -> Option<String> {
    cookie_value(headers, cfg.session_cookie_name())
}

pub async fn identify(State(state): State<AppState>, mut req: Request<Body>, next: Next) -> Response {
    let ip = client_ip(&req, &state.auth.trusted_proxies);
    req.extensions_mut().insert(ClientIp(ip.clone()));
    let write = is_write(req.method());

    if let Some(token) = bearer(req.headers()) {
        // Tokens are for the JSON API only. Pages, server functions (the
        // browser's `/api/…` that are not `/api/v1/…`) and the CSV exports
        // refuse any bearer token, valid or not, with 403: its permissions
        // name API routes, and none of these is one.
        if !req.uri().path().starts_with(TOKEN_PATHS) {
            return AppError::ForbiddenWithMessage {
                message: "API-nycklar gäller bara JSON-API:t under /api/v1/.".into(),
            }
            .into_response();
        }
        let ctx = match app::auth::tokens::resolve_token(&state.db, &token, Some(ip)).await {
            Ok(ctx) => ctx,
            Err(AppError::Unauthorized) => {
                let mut res = AppError::Unauthorized.into_response();
                res.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                return res;
            }
            Err(e) => return e.into_response(),
        };
        // What the token may do is decided by each handler's
        // `ctx.require_permission(..)`.
        req.extensions_mut().insert(ctx);
        return next.run(req).await;
    }

    if write && !same_origin(req.headers(), &state.auth.public_origin, state.auth.development) {
        tracing::warn!(path = %req.uri().path(), "cross-origin write refused");
        return AppError::ForbiddenWithMessage {
            message: "Begäran stoppades eftersom den inte kom från Avrop (skydd mot förfalskade anrop).".into(),
        }
        .into_response();
    }

    let mut clear_cookie = false;
    let ctx = match session_secret(req.headers(), &state.auth) {
        None => Ctx {
            ip: Some(ip),
            ..Ctx::anonymous()
        },
        Some(secret) => match auth::resolve_session(&state.db, &state.auth, &secret, Some(ip.clone())).await {
            Ok(Some((ctx, user))) => {
                req.extensions_mut().insert(user);
                ctx
            }
            Ok(None) => {
                clear_cookie = true;
                Ctx {
                    ip: Some(ip),
                    ..Ctx::anonymous()
                }
            }
            Err(e) => return e.into_response(),
        },
    };
    let signed_in = ctx.is_signed_in();
    req.extensions_mut().insert(ctx);
    let mut res = next.run(req).await;
    if signed_in && !res.headers().contains_key(header::CACHE_CONTROL) {
        // Pages of a signed-in person must not come back from the cache
        // (the back button after logout). Versioned resources (item
        // pictures) say otherwise themselves.
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if clear_cookie {
        res.headers_mut()
            .append(header::SET_COOKIE, clear_session_cookie(&state.auth));
    }
    res
}

#[cfg(test)]
mod tests {
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
}
