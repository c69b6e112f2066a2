//! The page guard: decides access to a page before Leptos renders anything,
//! from the rule declared for the page's route in `app::domain::access::PAGES`.
//! Anonymous → `303 See Other` to the login page with the way back; signed
//! in without the right → the Swedish 403 page with status 403. A route of
//! the app that has no declaration is refused for everyone (fail closed).

use app::ctx::Ctx;
use app::domain::access::{decide, matches, page_of, Decision, PAGES};
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Route patterns of the app that `PAGES` does not declare.
pub fn undeclared<'a>(routes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    routes
        .into_iter()
        .map(|r| if r.is_empty() { "/" } else { r })
        .filter(|r| !PAGES.iter().any(|p| same_pattern(p.path, r)))
        .map(str::to_owned)
        .collect()
}

/// `/a/:id` and `/a/{id}` are the same pattern.
fn same_pattern(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> Vec<String> {
        s.trim_end_matches('/')
            .split('/')
            .map(|seg| {
                if seg.starts_with(':') || seg.starts_with('{') {
                    ":".to_owned()
                } else {
                    seg.to_owned()
                }
            })
            .collect()
    };
    norm(a) == norm(b)
}

/// The login page's address that leads back to this request.
pub fn sign_in_location(req: &Request<Body>) -> String {
    let here = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    format!("/logga-in?next={}", urlencoding::encode(here))
}

pub async fn guard(undeclared: Arc<Vec<String>>, req: Request<Body>, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let path = req.uri().path();
    let Some(page) = page_of(path) else {
        if undeclared.iter().any(|r| matches(r, path)) {
            tracing::error!(path, "a page without a declared access rule was refused");
            return AppError::Forbidden.into_response();
        }
        // Not a page: files, the API and probes decide themselves; an
        // unknown path gets the 404 page.
        return next.run(req).await;
    };
    let ctx = req.extensions().get::<Ctx>();
    let roles = ctx.filter(|c| c.is_signed_in()).map(|c| c.roles.as_slice());
    match decide(page.access, roles) {
        Decision::Allowed => next.run(req).await,
        Decision::SignIn => {
            let location = sign_in_location(&req);
            (
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, location),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
            )
                .into_response()
        }
        Decision::Forbidden => {
            // The page renders its Swedish refusal (`RequireAccess` applies
            // the same rule), never the page's content.
            let mut res = next.run(req).await;
            *res.status_mut() = StatusCode::FORBIDDEN;
            res
        }
    }
}

#[cfg(test)]
mod tests;
