//! `POST /logga-ut`: signing out of the browser session.

use crate::identity::{clear_session_cookie, session_secret};
use app::ctx::Ctx;
use app::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// `POST /logga-ut`: deletes the session server-side, clears the cookie and
/// sends the browser to the login page.
pub async fn logout(State(state): State<AppState>, Extension(ctx): Extension<Ctx>, headers: HeaderMap) -> Response {
    if let Some(secret) = session_secret(&headers, &state.auth) {
        if let Err(e) = app::auth::service::logout(&state.db, &ctx, &secret).await {
            return e.into_response();
        }
    }
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, "/logga-in?utloggad=1")]).into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&state.auth));
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
