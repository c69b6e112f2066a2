//! `GET` and `PUT /api/v1/attest/rights` and
//! `POST /api/v1/attest/rights/import`: attest rights as the finance system
//! keeps them. Administrators only, never for themselves.

use app::attest::admin_dto::{ReplaceOutcome, RightFilter, RightList, RightsImportReport, RightsReplace};
use app::attest::rights;
use app::ctx::{require, Ctx};
use app::domain::authz::Permission;
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::IntoParams;

use super::body::ApiJson;

fn allowed(ctx: &Ctx) -> Result<(), AppError> {
    require(ctx, Permission::Administer)?;
    ctx.require_permission(TokenPermission::AttestRights)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// A cost centre code, exactly (`41210`).
    cost_center: Option<String>,
    /// A username or email address, or part of a name.
    person: Option<String>,
    /// `true`: ended rights too (default: current and coming ones).
    include_ended: Option<bool>,
}

/// Attest rights by cost centre code and person name, at most 500 (then
/// `truncated` is true: narrow the filter). Each has its person, cost
/// centre, limit in öre, validity dates and state (`current`, `coming`,
/// `ended`). A bearer token needs the permission `attest:rights`.
#[utoipa::path(
    get,
    path = "/api/v1/attest/rights",
    tag = "attest",
    params(ListParams),
    security(("bearer" = ["attest:rights"]), ("session" = [])),
    responses(
        (status = 200, description = "The matching rights", body = RightList),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not an administrator, or the token lacks `attest:rights`", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<ListParams>,
) -> Result<Json<RightList>, AppError> {
    allowed(&ctx)?;
    let filter = RightFilter {
        cost_center: p.cost_center,
        person: p.person,
        include_ended: p.include_ended.unwrap_or(false),
    };
    Ok(Json(rights::list_rights(&ctx, &state.db, &filter).await?))
}

/// Replaces the open (current and coming) attest rights of **one cost
/// centre** (`cost_center`) **or one person** (`person`) with the list:
/// a listed right changes the open right of the same person and cost centre
/// (or is created); an open right of the scope that is not listed is ended
/// (from today; one that has not started is removed); `rights: []` ends them
/// all. Every person and cost centre of the list must be the scope's when
/// given. All or nothing, in one transaction, with an audit row per right;
/// the person's attester role on each cost centre follows.
///
/// Refused with 403 when a change would touch the caller's own rights
/// (segregation of duties). A bearer token needs the permission
/// `attest:rights`.
#[utoipa::path(
    put,
    path = "/api/v1/attest/rights",
    tag = "attest",
    request_body(
        content = RightsReplace,
        description = "`{\"cost_center\": \"41210\", \"rights\": [{\"person\": \"erik.johansson\", \"limit_ore\": 5000000, \"valid_from\": \"2027-01-01\", \"valid_to\": null}]}` — or `{\"person\": \"erik.johansson\", \"rights\": [{\"cost_center\": \"41210\", …}]}`"
    ),
    security(("bearer" = ["attest:rights"]), ("session" = [])),
    responses(
        (status = 200, description = "Replaced: what changed, and the scope's open rights now", body = ReplaceOutcome),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not an administrator, the token lacks `attest:rights`, or the change touches the caller's own rights", body = ErrorBody),
        (status = 422, description = "A field is wrong; `field` is its path in the body (`rights[2].limit_ore`): limit 1–10 000 000 000 öre, `valid_to` neither before `valid_from` nor past, the person employed, the cost centre active, each person and cost centre once; nothing was written", body = ErrorBody),
    )
)]
pub async fn replace(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiJson(body): ApiJson<RightsReplace>,
) -> Result<Json<ReplaceOutcome>, AppError> {
    allowed(&ctx)?;
    Ok(Json(rights::replace_rights(&ctx, &state.db, &body).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// `true` (default) only checks the file and reports; `false` writes it
    /// if every row is valid.
    dry_run: Option<bool>,
}

/// Imports attest rights from the finance system's file: semicolon-separated
/// UTF-8 (a byte-order mark is fine) with the header
/// `kostnadsstalle;person;belopp;giltig_fran;giltig_till` — cost centre
/// code, username or email, the limit in kronor (`50 000`), `YYYY-MM-DD`,
/// and the last day or empty. Each row changes the person's open right on
/// the cost centre or creates one; rights not in the file stay. All or
/// nothing: with any bad row (a row for the caller themselves included)
/// nothing is written and every problem is reported with line, column and
/// reason. A bearer token needs the permission `attest:rights`.
#[utoipa::path(
    post,
    path = "/api/v1/attest/rights/import",
    tag = "attest",
    params(ImportParams),
    request_body(content = String, content_type = "text/csv", description = "Semicolon-separated UTF-8 with a header row"),
    security(("bearer" = ["attest:rights"]), ("session" = [])),
    responses(
        (status = 200, description = "Checked (and written unless a dry run)", body = RightsImportReport),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not an administrator, or the token lacks `attest:rights`", body = ErrorBody),
        (status = 422, description = "The file has problems; nothing was written", body = RightsImportReport),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<ImportParams>,
    body: String,
) -> Result<Response, AppError> {
    allowed(&ctx)?;
    let report = rights::import::import_csv(&ctx, &state.db, &body, p.dry_run.unwrap_or(true)).await?;
    let status = if report.problems.is_empty() {
        http::StatusCode::OK
    } else {
        http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)).into_response())
}
