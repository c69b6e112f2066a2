//! Browser endpoints outside the Leptos app: logout, the CSV exports and item pictures.

use crate::identity::{clear_session_cookie, session_secret};
use app::audit::dto::AuditFilter;
use app::ctx::Ctx;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::collections::HashMap;

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

/// `GET /admin/logg.csv?vem=&handling=&fran=&till=`: the filtered audit log.
pub async fn audit_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    app::ctx::require(&ctx, app::domain::authz::Permission::ReadAudit)?;
    let filter = AuditFilter {
        actor: q.get("vem").cloned(),
        action: q.get("handling").cloned(),
        from: q.get("fran").cloned(),
        to: q.get("till").cloned(),
        before: None,
    };
    let body = app::audit::service::export_csv(&ctx, &state.db, &filter).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"avrop-logg.csv\""),
        ],
        body,
    )
        .into_response())
}

/// `GET /admin/katalog.csv`: the whole catalogue for editing in a spreadsheet.
pub async fn catalog_csv(State(state): State<AppState>, Extension(ctx): Extension<Ctx>) -> Result<Response, AppError> {
    app::ctx::require(&ctx, app::domain::authz::Permission::ManageCatalog)?;
    let body = app::catalog::admin::import::export_csv(&ctx, &state.db, chrono::Local::now().date_naive()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"avrop-katalog.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// `GET /forvaltning/uppfoljning.csv?period=2026-T3`: the region-wide
/// follow-up report for a spreadsheet.
pub async fn follow_up_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    app::ctx::require_signed_in(&ctx)?;
    let period = app::plans::follow_up::server_fns::period(q.get("period").map(String::as_str).unwrap_or(""))?;
    let report = app::plans::follow_up::service::report(&ctx, &state.db, period).await?;
    let body = app::plans::follow_up::service::report_csv(&report)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"avrop-uppfoljning-{}.csv\"", period.code()),
            ),
        ],
        body,
    )
        .into_response())
}

/// `GET /katalog/bild/{id}`: an item's picture. Its address carries a
/// version (`?v=`), so the browser may keep it.
pub async fn item_image(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Response, AppError> {
    app::ctx::require_signed_in(&ctx)?;
    let (content_type, bytes) = app::catalog::admin::service::image(&ctx, &state.db, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, max-age=31536000, immutable".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
