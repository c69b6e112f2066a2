//! `GET /api/v1/org/units`.

use app::ctx::{require_signed_in, Ctx};
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::org::dto::UnitPage;
use app::org::register::UnitRegister;
use app::org::service::{self, UnitQuery};
use app::state::AppState;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitParams {
    /// Filter on unit name or code (case-insensitive substring), at most
    /// 200 characters.
    #[param(max_length = 200)]
    q: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u64>,
}

/// Units with their förvaltning, cost centres and delivery addresses.
/// A bearer token needs the permission `org:read`.
#[utoipa::path(
    get,
    path = "/api/v1/org/units",
    tag = "org",
    params(UnitParams),
    security(("bearer" = ["org:read"]), ("session" = [])),
    responses(
        (status = 200, description = "One page of units in id order", body = UnitPage),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `org:read`", body = ErrorBody),
        (status = 422, description = "Invalid cursor or limit", body = ErrorBody),
    )
)]
pub async fn list_units(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(params): Query<UnitParams>,
) -> Result<Json<UnitPage>, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::OrgRead)?;
    let limit = params.limit.unwrap_or(100);
    if !(1..=service::MAX_PAGE).contains(&limit) {
        return Err(AppError::validation("limit", "limit ska vara mellan 1 och 500."));
    }
    let after = service::parse_cursor(params.cursor.as_deref())?;
    let page = service::list_units(
        &ctx,
        &state.db,
        state.kept::<UnitRegister>()?,
        UnitQuery {
            q: params.q,
            after,
            limit,
        },
    )
    .await?;
    Ok(Json(page))
}
