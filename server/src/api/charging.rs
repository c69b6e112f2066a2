//! `GET /api/v1/charging/{period}` and `GET /api/v1/charging/{period}.csv`:
//! a month's internal charging for the finance system.

use app::ctx::{require_signed_in, Ctx};
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::state::AppState;
use app::subscriptions::charging;
use app::subscriptions::dto::ChargeMonth;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};

/// A month's charging: its status (`not_run`, `open` or `closed`), the
/// totals per förvaltning and cost centre, and every charge line (one per
/// customer cost centre × service, amounts in öre). With `.csv` after the
/// month (`2026-11.csv`), the lines as the finance system's CSV file:
/// semicolon-separated, UTF-8, columns `period; kundens_kostnadsstalle;
/// kundens_kostnadsstalle_namn; forvaltning; artikelnummer; tjanst;
/// tjanstens_kostnadsstalle; intaktskonto; kostnadskonto; antal; dagar;
/// belopp; valuta`, the amount in kronor with a decimal comma (a month not
/// run yet has no file: 409). Partial months are prorated per day
/// (monthly price × active days / days in the month, rounded to whole
/// öre). IT Asset Manager only.
/// A bearer token needs the permission `charging:read`.
#[utoipa::path(
    get,
    path = "/api/v1/charging/{period}",
    tag = "charging",
    params(("period" = String, Path, pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])(\.csv)?$", description = "The month, `2026-11`, or `2026-11.csv` for the CSV file")),
    security(("bearer" = ["charging:read"]), ("session" = [])),
    responses(
        (status = 200, description = "The month (JSON), or its CSV file", body = ChargeMonth),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not the IT Asset Manager, or the token lacks `charging:read`", body = ErrorBody),
        (status = 409, description = "CSV of a month not run yet", body = ErrorBody),
        (status = 422, description = "Not a month (`ÅÅÅÅ-MM`), or one that has not begun", body = ErrorBody),
    )
)]
pub async fn month(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(period): Path<String>,
) -> Result<Response, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::ChargingRead)?;
    app::ctx::require(&ctx, app::domain::authz::Permission::ManageAssets)?;
    match period.strip_suffix(".csv") {
        Some(p) => {
            let body = charging::csv(&ctx, &state.db, p).await?;
            let name = format!("attachment; filename=\"avrop-interndebitering-{}.csv\"", p.trim());
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, name),
                ],
                body,
            )
                .into_response())
        }
        None => Ok(Json(charging::month_all(&ctx, &state.db, &period).await?).into_response()),
    }
}
