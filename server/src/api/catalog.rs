//! `GET /api/v1/catalog/items` and `GET /api/v1/catalog/items/{id}`.

use app::catalog::dto::{CatalogFilter, ItemDetail, ItemList};
use app::catalog::service;
use app::catalog::snapshot::CatalogCache;
use app::ctx::{require_signed_in, Ctx};
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemParams {
    /// Name, article number or description contains this (any case), at
    /// most 200 characters.
    #[param(max_length = 200)]
    q: Option<String>,
    /// Category code (includes subcategories), e.g. `DATORER`.
    category: Option<String>,
    /// `hardware`, `software_licence` or `service`.
    kind: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1–100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u64>,
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Active catalogue items with today's price, in id order.
/// A bearer token needs the permission `catalog:read`.
#[utoipa::path(
    get,
    path = "/api/v1/catalog/items",
    tag = "catalog",
    params(ItemParams),
    security(("bearer" = ["catalog:read"]), ("session" = [])),
    responses(
        (status = 200, description = "One page of items", body = ItemList),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `catalog:read`", body = ErrorBody),
        (status = 422, description = "Invalid filter, cursor or limit", body = ErrorBody),
    )
)]
pub async fn list_items(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<ItemParams>,
) -> Result<Json<ItemList>, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::CatalogRead)?;
    let limit = p.limit.unwrap_or(50);
    if !(1..=service::API_MAX_PAGE).contains(&limit) {
        return Err(AppError::validation("limit", "limit ska vara mellan 1 och 100."));
    }
    let after = app::org::service::parse_cursor(p.cursor.as_deref())?;
    let filter = CatalogFilter {
        q: p.q,
        category: p.category,
        kind: p.kind,
        ..Default::default()
    };
    Ok(Json(
        service::list_items(
            &ctx,
            &state.db,
            state.kept::<CatalogCache>()?,
            filter,
            after,
            limit,
            today(),
        )
        .await?,
    ))
}

/// One item with prices, bundles and matching rules.
/// A bearer token needs the permission `catalog:read`.
#[utoipa::path(
    get,
    path = "/api/v1/catalog/items/{id}",
    tag = "catalog",
    params(("id" = i32, Path, description = "Item id")),
    security(("bearer" = ["catalog:read"]), ("session" = [])),
    responses(
        (status = 200, description = "The item", body = ItemDetail),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `catalog:read`", body = ErrorBody),
        (status = 404, description = "No such active item", body = ErrorBody),
    )
)]
pub async fn get_item(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Json<ItemDetail>, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::CatalogRead)?;
    Ok(Json(service::item_detail(&ctx, &state.db, id, today()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// `true` (default) only checks the file and reports; `false` writes it
    /// if every row is valid.
    dry_run: Option<bool>,
}

/// Imports the catalogue from a CSV file (the format of
/// `GET /admin/katalog.csv`). All or nothing: with any bad row nothing is
/// written and every problem is reported with line, column and reason.
/// A bearer token needs the permission `catalog:write`.
#[utoipa::path(
    post,
    path = "/api/v1/catalog/import",
    tag = "catalog",
    params(ImportParams),
    request_body(content = String, content_type = "text/csv", description = "Semicolon-separated UTF-8 with a header row"),
    security(("bearer" = ["catalog:write"]), ("session" = [])),
    responses(
        (status = 200, description = "Checked (and written unless a dry run)", body = app::catalog::admin::dto::ImportReport),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not a catalogue manager, or the token lacks `catalog:write`", body = ErrorBody),
        (status = 422, description = "The file has problems; nothing was written", body = app::catalog::admin::dto::ImportReport),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<ImportParams>,
    body: String,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    app::ctx::require(&ctx, app::domain::authz::Permission::ManageCatalog)?;
    ctx.require_permission(TokenPermission::CatalogWrite)?;
    let cache = state.kept::<CatalogCache>()?;
    let report =
        app::catalog::admin::import::import_csv(&ctx, &state.db, &body, p.dry_run.unwrap_or(true), today()).await?;
    if report.written {
        cache.invalidate();
    }
    let status = if report.problems.is_empty() {
        http::StatusCode::OK
    } else {
        http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)).into_response())
}
