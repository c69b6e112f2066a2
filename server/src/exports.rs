//! The CSV downloads for a spreadsheet: the audit log, the catalogue, the
//! follow-up report, the coordinators' queue, the automation statistics
//! the asset list and a month's internal charging.

use app::audit::dto::AuditFilter;
use app::ctx::Ctx;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::collections::HashMap;

/// A CSV file to download as `filename`.
fn csv(filename: String, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
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
    Ok(csv("avrop-logg.csv".to_owned(), body))
}

/// `GET /admin/katalog.csv`: the whole catalogue for editing in a spreadsheet.
pub async fn catalog_csv(State(state): State<AppState>, Extension(ctx): Extension<Ctx>) -> Result<Response, AppError> {
    app::ctx::require(&ctx, app::domain::authz::Permission::ManageCatalog)?;
    let body = app::catalog::admin::import::export_csv(&ctx, &state.db, chrono::Local::now().date_naive()).await?;
    Ok(csv("avrop-katalog.csv".to_owned(), body))
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
    use app::plans::follow_up::service::{report, ReportFigures, ReportPart};
    let figures = state.kept::<ReportFigures>()?;
    let report = report(&ctx, &state.db, figures, period, ReportPart::All).await?;
    let body = app::plans::follow_up::service::report_csv(&report)?;
    Ok(csv(format!("avrop-uppfoljning-{}.csv", period.code()), body))
}

/// `GET /forvaltning/bemanning.csv?period=2026-T3`: every
/// object's planned against reported person-days and kronor to date,
/// furthest behind first.
pub async fn follow_up_staffing_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    app::ctx::require_signed_in(&ctx)?;
    let period = app::plans::follow_up::server_fns::period(q.get("period").map(String::as_str).unwrap_or(""))?;
    use app::plans::follow_up::service::{report, ReportFigures, ReportPart};
    // The staffing covers every object whatever the part of the goals.
    let first = ReportPart::Page { family: None, page: 1 };
    let figures = state.kept::<ReportFigures>()?;
    let report = report(&ctx, &state.db, figures, period, first).await?;
    let body = app::plans::follow_up::service::staffing_csv(&report)?;
    Ok(csv(format!("avrop-bemanning-{}.csv", period.code()), body))
}

/// `GET /koordinering/export.csv?ko=&forvaltning=…`: the coordinators'
/// queue under the same filter as the page, every page of it.
pub async fn coordination_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    app::ctx::require(&ctx, app::domain::authz::Permission::Coordinate)?;
    let filter = app::fulfilment::dto::QueueFilter::from_params(|k| q.get(k).cloned());
    let body = app::fulfilment::service::queue::export_csv(&ctx, &state.db, filter).await?;
    Ok(csv("avrop-koordinering.csv".to_owned(), body))
}

/// `GET /statistik/automatisering.csv?from=2026-01&to=2026-12`: the
/// automation figures per month for a spreadsheet.
pub async fn automation_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    app::ctx::require(&ctx, app::domain::authz::Permission::ReadStatistics)?;
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let body = app::fulfilment::service::statistics::csv(&ctx, &state.db, &get("from"), &get("to")).await?;
    Ok(csv("avrop-automatisering.csv".to_owned(), body))
}

/// `GET /tillgangar/export.csv?q=&status=…`: the asset list under the same
/// filter as the page, every page of it (the register for its keepers,
/// one's own assets for everyone else).
pub async fn assets_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    app::ctx::require_signed_in(&ctx)?;
    let filter = app::assets::dto::AssetFilter::from_params(|k| q.get(k).cloned());
    let body = app::assets::service::export_csv(&ctx, &state.db, filter).await?;
    Ok(csv("avrop-tillgangar.csv".to_owned(), body))
}

/// `GET /interndebitering/export.csv?period=2026-11`: a month's charging
/// as the finance system's CSV file (IT Asset Manager).
pub async fn charging_csv(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    app::ctx::require(&ctx, app::domain::authz::Permission::ManageAssets)?;
    let period = q.get("period").cloned().unwrap_or_default();
    let body = app::subscriptions::charging::csv(&ctx, &state.db, &period).await?;
    Ok(csv(format!("avrop-interndebitering-{}.csv", period.trim()), body))
}
