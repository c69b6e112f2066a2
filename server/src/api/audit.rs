//! `GET /api/v1/audit`: the audit log, newest first, for administrators and
//! for tokens with `audit:read` (a SIEM or log archive).

use app::audit::dto::AuditFilter;
use app::ctx::{require, Ctx};
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::state::AppState;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Page size limit of the audit API.
const MAX_PAGE: u64 = 500;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Part of the actor: a username or `token:<name>` (any case), at most
    /// 200 characters.
    #[param(max_length = 200)]
    actor: Option<String>,
    /// Action, exact or prefix: `login` matches `login.success`.
    action: Option<String>,
    /// First day, `YYYY-MM-DD`, inclusive (empty: no bound).
    #[param(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive (empty: no bound).
    #[param(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    to: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1–500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u64>,
}

/// One entry of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditItem {
    pub id: i32,
    pub at: chrono::DateTime<chrono::Utc>,
    /// A username, `token:<name>`, `system` or `anonym`.
    pub actor: String,
    /// E.g. `login.success`, `token.create`, `plan.adopt`.
    pub action: String,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    /// The client's address.
    pub ip: Option<String>,
    /// What changed, as recorded (a JSON object).
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

/// One page of the audit log; pass `next_cursor` as `cursor` for the next
/// (older) page; it is absent on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditItem>,
    pub next_cursor: Option<String>,
}

/// The audit log, newest first, filtered like the log page. Administrators
/// only; a bearer token (of an administrator) needs the permission
/// `audit:read`.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "audit",
    params(AuditParams),
    security(("bearer" = ["audit:read"]), ("session" = [])),
    responses(
        (status = 200, description = "One page of entries, newest first", body = AuditPage),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "Not an administrator, or the token lacks `audit:read`", body = ErrorBody),
        (status = 422, description = "Invalid date, cursor or limit; `field` names it", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<AuditParams>,
) -> Result<Json<AuditPage>, AppError> {
    require(&ctx, app::domain::authz::Permission::ReadAudit)?;
    ctx.require_permission(TokenPermission::AuditRead)?;
    let limit = p.limit.unwrap_or(100);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(AppError::validation("limit", "limit ska vara mellan 1 och 500."));
    }
    let filter = AuditFilter {
        actor: p.actor,
        action: p.action,
        from: p.from,
        to: p.to,
        before: app::org::service::parse_cursor(p.cursor.as_deref())?,
    };
    let page = app::audit::service::list(&ctx, &state.db, &filter, limit).await?;
    let items = page
        .entries
        .into_iter()
        .map(|e| AuditItem {
            id: e.id,
            at: e.at,
            actor: e.actor,
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            ip: e.ip,
            detail: serde_json::from_str(&e.detail).unwrap_or(serde_json::Value::String(e.detail)),
        })
        .collect();
    Ok(Json(AuditPage {
        items,
        next_cursor: page.next_before.map(|id| id.to_string()),
    }))
}
