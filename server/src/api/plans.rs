//! `GET /api/v1/plans` (the plans a caller may see), `GET /api/v1/plans/{id}`, `PUT /api/v1/plans/{id}` (with `If-Match`) and
//! `POST /api/v1/plans/{id}/{submit|adopt|return}`.

use app::ctx::{require_signed_in, Ctx};
use app::domain::plan::{PlanEvent, PlanStatus};
use app::error::{AppError, ErrorBody};
use app::plans::dto::{PlanContent, PlanDto, PlanListRow, Portfolio, SaveOutcome};
use app::plans::service;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use super::body::ApiJson;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A save: the document and, optionally, new settings.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PlanSave {
    content: PlanContent,
    settings: Option<app::domain::plan::PlanSettings>,
}

/// A save's answer: the plan's new version (also its `ETag`).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanSaved {
    version: i32,
    updated_at: chrono::DateTime<chrono::Utc>,
}

/// A save that wrote nothing: someone else saved first (`current` is the
/// plan as it now is), or the plan is no longer a draft (no `current`).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanConflict {
    /// `conflict`.
    error: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<PlanDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this governance object's plans.
    #[param(minimum = 1)]
    object: Option<i32>,
    /// Only this year's, 2000–2100.
    #[param(minimum = 2000, maximum = 2100)]
    year: Option<i32>,
    /// Only plans in this status.
    status: Option<PlanStatus>,
}

/// The plans the caller may see, newest year first: adopted plans for
/// everyone, drafts and plans under review for the object's people and
/// administrators. Every revision is listed, without its document.
/// A bearer token needs the permission `plans:read`.
#[utoipa::path(
    get,
    path = "/api/v1/plans",
    tag = "plans",
    params(ListParams),
    security(("bearer" = ["plans:read"]), ("session" = [])),
    responses(
        (status = 200, description = "Plans", body = Vec<PlanListRow>),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `plans:read`", body = ErrorBody),
        (status = 422, description = "A year outside 2000–2100, an object id below 1, or an unknown status", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<ListParams>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansRead)?;
    let rows = service::list(&ctx, &state.db, p.object, p.year, p.status).await?;
    Ok(Json(rows).into_response())
}

/// One plan revision with its document, roll-ups (kronor and FTE per
/// activity × business/IT × VM/VU, totals), workflow and the caller's rights.
/// The `ETag` is the plan's version, for `If-Match` on `PUT`.
/// A bearer token needs the permission `plans:read`.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}",
    tag = "plans",
    params(("id" = i32, Path, description = "Plan revision id")),
    security(("bearer" = ["plans:read"]), ("session" = [])),
    responses(
        (status = 200, description = "The plan with roll-ups", body = PlanDto),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `plans:read`", body = ErrorBody),
        (status = 404, description = "No such plan, or a draft the caller may not see", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansRead)?;
    let plan = service::get(&ctx, &state.db, id).await?;
    let tag = super::body::etag(plan.version);
    Ok(([(header::ETAG, tag)], Json(plan)).into_response())
}

/// Saves the plan's document. `If-Match` must carry the version the change
/// started from; if someone saved since, nothing is written and the answer
/// is 409 with the plan as it now is.
/// A bearer token needs the permission `plans:write`.
#[utoipa::path(
    put,
    path = "/api/v1/plans/{id}",
    tag = "plans",
    params(
        ("id" = i32, Path, description = "Plan revision id"),
        ("If-Match" = String, Header, description = "The ETag (version) the change started from, e.g. \"3\""),
    ),
    request_body(content = PlanSave, description = "The plan document (needs, goals, forums, texts) and, optionally, new settings (day rates in öre, days per FTE)"),
    security(("bearer" = ["plans:write"]), ("session" = [])),
    responses(
        (status = 200, description = "Saved; `version` is the new version", body = PlanSaved),
        (status = 403, description = "Not a förvaltningsledare of the object, or the token lacks `plans:write`", body = ErrorBody),
        (status = 409, description = "Someone else saved first (body: the current plan in `current`), or the plan is not a draft (body: the error without `current`)", body = PlanConflict),
        (status = 422, description = "A field is wrong, `field` names it by its path in the body (`content.goals[0].days_business`): days are tenths 0–1 000 000, fixed costs öre 0–100 000 000 000, day rates öre 1–10 000 000, days_per_fte 100–260; or If-Match is not a version", body = ErrorBody),
        (status = 428, description = "If-Match is missing", body = ErrorBody),
    )
)]
pub async fn put(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PlanSave>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansWrite)?;
    // A version a plan can have, with a next one (`plan::next_version`).
    let version = match super::body::if_match_version(
        &headers,
        "Skicka If-Match med planens version (ETag) från GET.",
        "If-Match ska vara planens version, till exempel \"3\".",
    ) {
        Ok(v) => v,
        Err(answer) => return Ok(*answer),
    };
    match service::save(&ctx, &state.db, id, version, body.content, body.settings).await? {
        SaveOutcome::Saved { version, updated_at } => Ok((
            [(header::ETAG, super::body::etag(version))],
            Json(PlanSaved { version, updated_at }),
        )
            .into_response()),
        SaveOutcome::Conflict(current) => {
            let tag = super::body::etag(current.version);
            Ok((
                StatusCode::CONFLICT,
                [(header::ETAG, tag)],
                Json(PlanConflict {
                    error: "conflict".into(),
                    message: format!("{} sparade planen först. Ingenting sparades.", current.updated_by),
                    current: Some(*current),
                }),
            )
                .into_response())
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct DecisionInput {
    /// Required when returning; the approval's note (the minutes) when adopting.
    #[serde(default)]
    comment: String,
    /// `YYYY-MM-DD`, required when adopting.
    decided_on: Option<chrono::NaiveDate>,
}

/// Moves the plan in its workflow: `submit` (förvaltningsledare), `adopt`
/// or `return` (the roles the object family's rule names: the objektägare,
/// the objektägare IT, or both). `adopt` records the caller's approval as
/// the first required role they hold that nobody has approved as yet; the
/// plan becomes `faststalld` with the last one required (until then it stays
/// `under_avstamning`, with the approvals in `adoption`). One approval per
/// person; whoever submitted approves nothing. A bearer token needs the
/// permission `plans:write`.
#[utoipa::path(
    post,
    path = "/api/v1/plans/{id}/{action}",
    tag = "plans",
    params(
        ("id" = i32, Path, description = "Plan revision id"),
        ("action" = String, Path, pattern = "^(submit|adopt|return)$", description = "`submit`, `adopt` or `return`"),
    ),
    request_body = DecisionInput,
    security(("bearer" = ["plans:write"]), ("session" = [])),
    responses(
        (status = 200, description = "The plan after the step", body = PlanDto),
        (status = 403, description = "The caller's role on the object does not allow this step now (or they approved already), or the token lacks `plans:write`", body = ErrorBody),
        (status = 404, description = "No such plan or action", body = ErrorBody),
        (status = 409, description = "Someone moved the plan on, or approved as the same role, at the same moment", body = ErrorBody),
        (status = 422, description = "A comment or date is missing", body = ErrorBody),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path((id, action)): Path<(i32, String)>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansWrite)?;
    let event = match action.as_str() {
        "submit" => PlanEvent::Submit,
        "adopt" => PlanEvent::Adopt,
        "return" => PlanEvent::Return,
        _ => return Err(AppError::not_found("Okänd åtgärd: använd submit, adopt eller return.")),
    };
    let plan = service::decide(&ctx, &state.db, id, event, &input.comment, input.decided_on).await?;
    Ok(Json(plan).into_response())
}

/// Which objects of the portfolio to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortfolioParams {
    /// Only this object family's objects (its id; an unknown family has none).
    family: Option<i32>,
    /// Only objects whose name contains this (any case), at most 200
    /// characters.
    #[param(max_length = 200)]
    q: Option<String>,
    /// The page of 100 objects, 1–100 000 (default 1); a page past the
    /// last answers the last.
    #[param(minimum = 1, maximum = 100000)]
    page: Option<u64>,
}

/// The year's portfolio: per family the adopted plans' totals (VM/VU,
/// business/IT, FTE), last year's, and the region's sums, over every
/// object; and one page of 100 objects (`family`, `q`, `page`) with
/// their plan's. A bearer token needs the permission `plans:read`.
#[utoipa::path(
    get,
    path = "/api/v1/portfolio/{year}",
    tag = "plans",
    params(("year" = i32, Path, minimum = 2000, maximum = 2100, description = "Calendar year, 2000–2100, e.g. 2027"), PortfolioParams),
    security(("bearer" = ["plans:read"]), ("session" = [])),
    responses(
        (status = 200, description = "The portfolio", body = Portfolio),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `plans:read`", body = ErrorBody),
        (status = 422, description = "A year outside 2000–2100, a search of more than 200 characters or a page outside 1–100 000; `field` names it", body = ErrorBody),
    )
)]
pub async fn portfolio(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(year): Path<i32>,
    Query(p): Query<PortfolioParams>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansRead)?;
    let query = app::plans::dto::PortfolioQuery {
        family: p.family,
        q: p.q.unwrap_or_default(),
        page: p.page.unwrap_or(1),
    };
    let cache = state.kept::<service::PortfolioCache>()?;
    Ok(Json(service::portfolio(&ctx, &state.db, cache, year, query).await?).into_response())
}
