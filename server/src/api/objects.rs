//! `GET /api/v1/objects`, `GET /api/v1/objects/{id}` and
//! `POST /api/v1/objects/{id}/plans` (an object's first plan for a year).

use app::ctx::{require_signed_in, Ctx};
use app::error::{AppError, ErrorBody};
use app::plans::dto::{FamilyDto, NewPlan, PlanDto};
use app::plans::objects::dto::ObjectDetail;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

use super::body::ApiJson;

/// The object families with their governance objects: class, objektägare,
/// förvaltningsledare, and the newest revision of each year's plan.
/// A bearer token needs the permission `plans:read`.
#[utoipa::path(
    get,
    path = "/api/v1/objects",
    tag = "plans",
    security(("bearer" = ["plans:read"]), ("session" = [])),
    responses(
        (status = 200, description = "Families with their objects", body = Vec<FamilyDto>),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `plans:read`", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, Extension(ctx): Extension<Ctx>) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansRead)?;
    Ok(Json(app::plans::service::objects(&ctx, &state.db).await?).into_response())
}

/// One governance object: description, IT components, products, its
/// people by role, its plans (every revision, newest first) and what the
/// caller may do with it (`can_create_plan`: start a plan for a year with none).
/// A bearer token needs the permission `plans:read`.
#[utoipa::path(
    get,
    path = "/api/v1/objects/{id}",
    tag = "plans",
    params(("id" = i32, Path, minimum = 1, description = "Governance object id")),
    security(("bearer" = ["plans:read"]), ("session" = [])),
    responses(
        (status = 200, description = "The object with its plans", body = ObjectDetail),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `plans:read`", body = ErrorBody),
        (status = 404, description = "No such object", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansRead)?;
    if id < 1 {
        // 0 is the page's empty form of a new object, not an object.
        return Err(AppError::not_found("Förvaltningsobjektet finns inte."));
    }
    Ok(Json(app::plans::objects::service::detail(&ctx, &state.db, id).await?).into_response())
}

/// Starts the object's plan for a year that has none: a draft, revision 1,
/// empty or from the object family's template (`from_template`); its
/// description and products are the object's. The object's
/// förvaltningsledare or an administrator. A bearer token needs the
/// permission `plans:write`.
#[utoipa::path(
    post,
    path = "/api/v1/objects/{id}/plans",
    tag = "plans",
    params(("id" = i32, Path, minimum = 1, description = "Governance object id")),
    request_body = NewPlan,
    security(("bearer" = ["plans:write"]), ("session" = [])),
    responses(
        (status = 201, description = "The new plan; `Location` is its address", body = PlanDto,
            headers(("Location" = String, description = "/api/v1/plans/{id}"))),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not the object's förvaltningsledare or an administrator, or the token lacks `plans:write`", body = ErrorBody),
        (status = 404, description = "No such object", body = ErrorBody),
        (status = 409, description = "The object has a plan for that year already", body = ErrorBody),
        (status = 422, description = "A year outside 2000–2100, or `from_template` for a family with no template", body = ErrorBody),
    )
)]
pub async fn create_plan(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
    ApiJson(new): ApiJson<NewPlan>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::PlansWrite)?;
    let plan: PlanDto = app::plans::service::create(&ctx, &state.db, id, new).await?;
    let location =
        axum::http::HeaderValue::try_from(format!("/api/v1/plans/{}", plan.id)).map_err(AppError::internal)?;
    Ok((
        StatusCode::CREATED,
        [
            (header::LOCATION, location),
            (header::ETAG, super::body::etag(plan.version)),
        ],
        Json(plan),
    )
        .into_response())
}
