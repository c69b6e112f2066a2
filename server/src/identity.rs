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

/// 401 for the API's caller, naming the scheme it takes.
fn unauthorized_bearer() -> Response {
    let mut res = AppError::Unauthorized.into_response();
    res.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    res
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
        // A supplier's key (`avrop-lev_…`) acts for its supplier; any other
        // bearer is a person's key.
        let resolved = if token.starts_with(app::fulfilment::service::keys::SUPPLIER_KEY_PREFIX) {
            app::fulfilment::service::keys::resolve(&state.db, &token, Some(ip)).await
        } else {
            app::auth::tokens::resolve_token(&state.db, &token, Some(ip)).await
        };
        let ctx = match resolved {
            Ok(ctx) => ctx,
            Err(AppError::Unauthorized) => return unauthorized_bearer(),
            Err(e) => return e.into_response(),
        };
        // What the token may do is decided by each handler's
        // `ctx.require_permission(..)`.
        req.extensions_mut().insert(ctx);
        return next.run(req).await;
    }

    // An `Authorization` that is not a bearer token (`Basic …`, `fev`) on
    // the API is a caller that meant to authenticate and did not: 401,
    // whatever session cookie comes with it.
    if req.headers().contains_key(header::AUTHORIZATION) && req.uri().path().starts_with(TOKEN_PATHS) {
        return unauthorized_bearer();
    }

    // A write must come from Avrop's own pages. An API call with neither a
    // key nor a session cannot act as anyone: it is answered 401 below.
    let secret = session_secret(req.headers(), &state.auth);
    let api = req.uri().path().starts_with(TOKEN_PATHS);
    if write
        && (secret.is_some() || !api)
        && !same_origin(req.headers(), &state.auth.public_origin, state.auth.development)
    {
        tracing::warn!(path = %req.uri().path(), "cross-origin write refused");
        return AppError::ForbiddenWithMessage {
            message: "Begäran stoppades eftersom den inte kom från Avrop (skydd mot förfalskade anrop).".into(),
        }
        .into_response();
    }

    let mut clear_cookie = false;
    let ctx = match secret {
        None => Ctx {
            ip: Some(ip),
            ..Ctx::anonymous()
        },
        Some(secret) => match resolve(&state, &secret, ip.clone(), is_page(&req)).await {
            Ok(Some((ctx, user, counts))) => {
                req.extensions_mut().insert(user);
                if let Some(counts) = counts {
                    req.extensions_mut().insert(app::header::Read(counts));
                }
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

/// The session behind `secret`; for a page, with the header's counts read
/// in the same statement (the page's header asks for them on every
/// render, and a round trip to the database is much of a page's cost).
async fn resolve(
    state: &AppState,
    secret: &str,
    ip: String,
    page: bool,
) -> Result<Option<(Ctx, app::auth::dto::SessionUser, Option<app::header::HeaderCounts>)>, AppError> {
    let beside = |person| if page { app::header::columns(person) } else { Vec::new() };
    let resolved = auth::resolve_session_with(&state.db, &state.auth, secret, Some(ip), beside).await?;
    Ok(resolved.map(|(ctx, user, values)| {
        let counts = if page {
            app::header::from_columns(&ctx, &values)
        } else {
            None
        };
        (ctx, user, counts)
    }))
}

/// A request for a page, rendered with the header: a read that is not a
/// server function, an API call, a CSV export or a picture.
fn is_page(req: &Request<Body>) -> bool {
    let path = req.uri().path();
    req.method() == Method::GET
        && !path.starts_with("/api/")
        && !path.ends_with(".csv")
        && !path.starts_with("/katalog/bild/")
}

#[cfg(test)]
mod tests;
