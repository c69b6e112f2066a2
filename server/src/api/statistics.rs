//! `GET /api/v1/statistics/automation`: the degree of automation per month
//! of delivery, for coordinators, administrators and tokens with
//! `statistics:read` (a management dashboard).

use app::ctx::{require, Ctx};
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::fulfilment::dto::AutomationReport;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AutomationParams {
    /// First month, `YYYY-MM` (empty or absent: eleven months before `to`).
    #[param(pattern = r"^([0-9]{4}-(0[1-9]|1[0-2]))?$")]
    from: Option<String>,
    /// Last month, `YYYY-MM` (empty or absent: this month). At most 120
    /// months.
    #[param(pattern = r"^([0-9]{4}-(0[1-9]|1[0-2]))?$")]
    to: Option<String>,
}

/// Orders delivered per month in each category: `automatiserad_leverans`
/// (no human touch after submit), `automatiserad_sjalvservice` (only the
/// attestation decision), `automatiserad_order` (over the supplier API but
/// a coordinator touched it), `ej_automatiserad` (ordered on someone's
/// behalf by a coordinator, or a part without the supplier API). `share`
/// is a decimal fraction of the month's total.
#[utoipa::path(
    get,
    path = "/api/v1/statistics/automation",
    tag = "statistics",
    params(AutomationParams),
    security(("bearer" = ["statistics:read"]), ("session" = [])),
    responses(
        (status = 200, description = "One entry per month, oldest first", body = AutomationReport),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not a coordinator or administrator, or the token lacks `statistics:read`", body = ErrorBody),
        (status = 422, description = "A month that is not `YYYY-MM`, `to` before `from`, or more than 120 months; `field` names it", body = ErrorBody),
    )
)]
pub async fn automation(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<AutomationParams>,
) -> Result<Json<AutomationReport>, AppError> {
    require(&ctx, app::domain::authz::Permission::ReadStatistics)?;
    ctx.require_permission(TokenPermission::StatisticsRead)?;
    let to = p.to.unwrap_or_default();
    let from = match p.from {
        Some(f) => f,
        None if to.trim().is_empty() => String::new(),
        None => {
            let last = app::domain::automation::Month::parse(&to)
                .ok_or_else(|| AppError::validation("to", "Ange månaden som ÅÅÅÅ-MM, t.ex. 2026-11."))?;
            let mut first = last;
            for _ in 0..11 {
                first = first.prev();
            }
            first.code()
        }
    };
    Ok(Json(
        app::fulfilment::service::statistics::automation(&ctx, &state.db, &from, &to).await?,
    ))
}
