//! `POST /logga-ut`: signing out of the browser session.

use crate::identity::{clear_session_cookie, session_secret};
use app::ctx::Ctx;
use app::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// `POST /logga-ut`: deletes the session server-side, clears the cookie and
/// sends the browser to the login page, or, for a session begun through the
/// identity provider, to the provider's logout (which sends it back there).
pub async fn logout(State(state): State<AppState>, Extension(ctx): Extension<Ctx>, headers: HeaderMap) -> Response {
    let mut to = crate::oidc::AFTER_LOGOUT_PATH.to_owned();
    if let Some(secret) = session_secret(&headers, &state.auth) {
        match app::auth::service::logout(&state.db, &ctx, &secret).await {
            Ok(Some(id_token)) => {
                if let Some(url) = state
                    .kept_if::<crate::oidc::Oidc>()
                    .and_then(|o| o.logout_url(&id_token))
                {
                    to = url;
                }
            }
            Ok(None) => {}
            Err(e) => return e.into_response(),
        }
    }
    let location = HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static(crate::oidc::AFTER_LOGOUT_PATH));
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&state.auth));
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
