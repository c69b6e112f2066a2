//! Attestation over the API: `GET /api/v1/attest/pending`,
//! `POST /api/v1/orders/{id}/decision` (an attester approves or rejects) and
//! `POST /api/v1/orders/{id}/cancel` (the requester withdraws the order).

use app::attest::dto::{DecisionOutcome, PendingOrder};
use app::attest::service;
use app::ctx::{require, require_signed_in, Ctx};
use app::domain::attest::Decision;
use app::domain::tokens::TokenPermission;
use app::error::{AppError, ErrorBody};
use app::orders::dto::OrderDetail;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::{Extension, Json};

use super::body::ApiJson;
use serde::Deserialize;
use utoipa::ToSchema;

/// The orders waiting for the caller's decision — as one of their
/// attesters, or as substitute today for one of them (`on_behalf_of`) —
/// oldest first, at most 500. Orders the caller requested or receives are
/// never in it. A bearer token needs the permission `attest:read`.
#[utoipa::path(
    get,
    path = "/api/v1/attest/pending",
    tag = "attest",
    security(("bearer" = ["attest:read"]), ("session" = [])),
    responses(
        (status = 200, description = "Orders waiting for the caller, oldest first", body = Vec<PendingOrder>),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token lacks `attest:read`", body = ErrorBody),
    )
)]
pub async fn pending(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> Result<Json<Vec<PendingOrder>>, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::AttestRead)?;
    Ok(Json(service::pending(&ctx, &state.db).await?))
}

/// An attester's decision on an order.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AttestDecision {
    /// `approve` or `reject`.
    #[schema(pattern = "^(approve|reject)$", example = "approve")]
    decision: String,
    /// Why: required when rejecting; at most 2 000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    comment: String,
}

/// Approves or rejects an order waiting for attestation, as one of its
/// attesters or as the substitute of one (recorded "på uppdrag av"). An
/// order is decided exactly once: of two attesters deciding at the same
/// moment one decision stands and the other gets 409 naming who decided.
/// The requester and the recipient never decide, in no capacity.
/// A bearer token needs the permission `attest:write`.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/decision",
    tag = "attest",
    params(("id" = i32, Path, description = "Order id")),
    request_body = AttestDecision,
    security(("bearer" = ["attest:write"]), ("session" = [])),
    responses(
        (status = 200, description = "Decided: the order's attestation now", body = DecisionOutcome),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The caller may not decide this order, with the reason in `message` (over their attest limit, their own order or one to them, waiting for someone else); or the token lacks `attest:write`", body = ErrorBody),
        (status = 404, description = "No such order, or it has no attestation", body = ErrorBody),
        (status = 409, description = "Already decided, withdrawn or auto-approved; `message` says by whom and when (\"Beställningen är redan attesterad av … \")", body = ErrorBody),
        (status = 422, description = "`decision` is not `approve` or `reject`, a rejection without `comment`, a comment over 2 000 characters, or a body of the wrong shape; `field` names it", body = ErrorBody),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
    ApiJson(input): ApiJson<AttestDecision>,
) -> Result<Json<DecisionOutcome>, AppError> {
    require_signed_in(&ctx)?;
    ctx.require_permission(TokenPermission::AttestWrite)?;
    let decision = Decision::parse(input.decision.trim())
        .ok_or_else(|| AppError::validation("decision", "Ange decision som approve (godkänn) eller reject (avslå)."))?;
    Ok(Json(
        service::decide(&ctx, &state.db, id, decision, &input.comment).await?,
    ))
}

/// The requester withdraws their order before anyone has decided it; the
/// answer is the order as it now is (`cancelled`). 404 for anyone else's
/// order. A bearer token needs the permission `orders:write`.
#[utoipa::path(
    post,
    path = "/api/v1/orders/{id}/cancel",
    tag = "orders",
    params(("id" = i32, Path, description = "Order id")),
    security(("bearer" = ["orders:write"]), ("session" = [])),
    responses(
        (status = 200, description = "Withdrawn: the order", body = OrderDetail),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The caller may not order, or the token lacks `orders:write`", body = ErrorBody),
        (status = 404, description = "No such order of the caller's", body = ErrorBody),
        (status = 409, description = "Already decided (or withdrawn); `message` says by whom and when", body = ErrorBody),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Json<OrderDetail>, AppError> {
    require(&ctx, app::domain::authz::Permission::Order)?;
    ctx.require_permission(TokenPermission::OrdersWrite)?;
    service::withdraw(&ctx, &state.db, id).await?;
    Ok(Json(app::orders::service::detail(&ctx, &state.db, id).await?))
}
