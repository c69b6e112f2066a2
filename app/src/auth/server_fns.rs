//! Server functions of identity and access: thin adapters over `service`.

use super::dto::{CreatedToken, TokenDto};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{domain::authz::Permission, state::serve};
use leptos::prelude::*;

/// Logs in and sets the session cookie; returns where to go next.
#[server(endpoint = "auth/login")]
pub async fn login(username: String, password: String, next: Option<String>) -> Result<String, AppError> {
    crate::state::with_status(async move {
        use crate::state::ClientIp;
        // Anyone may try to log in; the rate limit and the password decide.
        let cfg = crate::state::auth_config()?;
        let db = crate::state::db()?;
        let parts = use_context::<http::request::Parts>();
        let ip = parts
            .as_ref()
            .and_then(|p| p.extensions.get::<ClientIp>().map(|c| c.0.clone()))
            .unwrap_or_else(|| "okänd".into());
        let agent = crate::state::header(http::header::USER_AGENT);
        let done = super::service::login(&db, &cfg, &username, &password, &ip, agent.as_deref()).await?;
        let cookie = session_cookie(&cfg, &done.session_secret);
        if let (Some(resp), Ok(v)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(&cookie),
        ) {
            resp.append_header(http::header::SET_COOKIE, v);
        }
        Ok(crate::domain::redirect::safe_next(next.as_deref()))
    })
    .await
}

/// The session cookie: a browser-session cookie (no `Max-Age`, no
/// `Expires`: closing the browser on a shared ward PC ends it; the server
/// still ends the session after the idle and absolute timeouts), named
/// `__Host-…` with `Secure` on https.
#[cfg(feature = "ssr")]
pub fn session_cookie(cfg: &crate::state::AuthConfig, secret: &str) -> String {
    cookie::Cookie::build((cfg.session_cookie_name(), secret.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(cfg.secure_cookie)
        .build()
        .to_string()
}

/// A `Set-Cookie` value that removes the session cookie.
#[cfg(feature = "ssr")]
pub fn clear_session_cookie(cfg: &crate::state::AuthConfig) -> String {
    cookie::Cookie::build((cfg.session_cookie_name(), ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(cfg.secure_cookie)
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

#[server(endpoint = "auth/tokens")]
pub async fn list_tokens() -> Result<Vec<TokenDto>, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::tokens::list_tokens(&ctx, &db).await
    })
    .await
}

/// `permissions` are codes such as `orders:read`; the form sends one
/// `permissions[]` per ticked box (none at all when no box is ticked).
#[server(endpoint = "auth/tokens/create")]
pub async fn create_token(
    name: String,
    permissions: Option<Vec<String>>,
    expires_on: Option<String>,
) -> Result<CreatedToken, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let token = new_token(name, permissions, expires_on)?;
        super::tokens::create_token(&ctx, &db, token).await
    })
    .await
}

/// The token form's fields read: each permission code known, the date
/// `ÅÅÅÅ-MM-DD` or empty (never expires).
#[cfg(feature = "ssr")]
fn new_token(
    name: String,
    permissions: Option<Vec<String>>,
    expires_on: Option<String>,
) -> Result<super::tokens::NewToken, AppError> {
    use crate::domain::tokens::TokenPermission;
    let permissions = permissions
        .unwrap_or_default()
        .iter()
        .map(|code| {
            TokenPermission::parse(code.trim()).map_err(|e| {
                AppError::validation(
                    "permissions",
                    format!("Det finns ingen behörighet som heter ”{}”.", e.0),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let expires_on = match expires_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            AppError::validation("expires_on", "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-06-30.")
        })?),
    };
    Ok(super::tokens::NewToken {
        name,
        permissions,
        expires_on,
    })
}

#[server(endpoint = "auth/tokens/revoke")]
pub async fn revoke_token(id: i32) -> Result<(), AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::tokens::revoke_token(&ctx, &db, id).await
    })
    .await
}
