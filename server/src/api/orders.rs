//! `POST /api/v1/orders`, `GET /api/v1/orders?mine=true`, `GET /api/v1/orders/{id}`
//! (withdrawing and deciding an order: `super::attest`).

use app::ctx::{require, Ctx};
use app::error::{AppError, ErrorBody};
use app::orders::dto::{MyOrder, OrderDetail, OrderInput};
use app::orders::in_flight::InFlight;
use app::orders::service;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};

use super::body::ApiJson;
use serde::Deserialize;
use utoipa::IntoParams;

/// Submits an order. Send the same `Idempotency-Key` when retrying: the
/// order is created once and the retry gets it back. The same key with
/// another body is refused (422, `field` = `idempotency_key`).
/// A bearer token needs the permission `orders:write`.
#[utoipa::path(
    post,
    path = "/api/v1/orders",
    tag = "orders",
    request_body = OrderInput,
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 64, description = "A unique key per order, 1–64 characters; reused only to retry the same request")),
    security(("bearer" = ["orders:write"]), ("session" = [])),
    responses(
        (status = 201, description = "The order (also on a retry with the same key)", body = OrderDetail),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The caller may not order, or the token lacks `orders:write`", body = ErrorBody),
        (status = 422, description = "A field or a matching rule is wrong; `field` names it (by its path for a value that does not fit its type, e.g. `lines[0].quantity`): quantities 1–999 per item in all, at most 200 different items, the delivery address one of the recipient's or the requester's unit, free texts within their `maxLength`; or the `Idempotency-Key` was used before with another body", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<OrderInput>,
) -> Result<(StatusCode, Json<OrderDetail>), AppError> {
    require(&ctx, app::domain::authz::Permission::Order)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::OrdersWrite)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            AppError::validation(
                "Idempotency-Key",
                "Skicka en Idempotency-Key-header med varje beställning.",
            )
        })?;
    let today = chrono::Local::now().date_naive();
    let order = service::submit(&ctx, &state.db, state.kept::<InFlight>()?, input, key, today).await?;
    Ok((StatusCode::CREATED, Json(order)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// The caller's orders as requester or recipient: `true` (also when
    /// left out) is the only value; others' orders are listed in the
    /// coordinators' queue.
    mine: Option<bool>,
}

/// The caller's orders, newest first.
/// A bearer token needs the permission `orders:read`.
#[utoipa::path(
    get,
    path = "/api/v1/orders",
    tag = "orders",
    params(ListParams),
    security(("bearer" = ["orders:read"]), ("session" = [])),
    responses(
        (status = 200, description = "Orders, each with whom it waits for while its attestation is open", body = Vec<MyOrder>),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The caller may not order, or the token lacks `orders:read`", body = ErrorBody),
        (status = 422, description = "`mine=false`: others' orders are not listed here", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<MyOrder>>, AppError> {
    require(&ctx, app::domain::authz::Permission::Order)?;
    ctx.require_permission(app::domain::tokens::TokenPermission::OrdersRead)?;
    if p.mine == Some(false) {
        return Err(AppError::validation(
            "mine",
            "Ange mine=true; andras beställningar listas i koordineringen.",
        ));
    }
    Ok(Json(service::mine(&ctx, &state.db).await?))
}

/// One order with lines, timeline and where its attestation stands (whom it
/// waits for, or who decided; `null` for an order from before attestation):
/// for its requester, its recipient and roles that follow orders (a bearer
/// token needs `orders:read`), and for its attesters, their substitutes and
/// whoever decided it (a bearer token needs `attest:read` or
/// `orders:read`); 404 for everyone else.
#[utoipa::path(
    get,
    path = "/api/v1/orders/{id}",
    tag = "orders",
    params(("id" = i32, Path, description = "Order id")),
    security(("bearer" = ["orders:read"]), ("bearer" = ["attest:read"]), ("session" = [])),
    responses(
        (status = 200, description = "The order", body = OrderDetail),
        (status = 401, description = "No valid session or token", body = ErrorBody),
        (status = 403, description = "The token has neither `orders:read` nor `attest:read`", body = ErrorBody),
        (status = 404, description = "No such order for this caller", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Json<OrderDetail>, AppError> {
    use app::domain::tokens::TokenPermission;
    app::ctx::require_signed_in(&ctx)?;
    let as_party = ctx.require_permission(TokenPermission::OrdersRead);
    let as_attester = ctx.require_permission(TokenPermission::AttestRead).is_ok();
    match as_party {
        Err(refused) if !as_attester => return Err(refused),
        Err(_) => {}
        Ok(()) => match service::detail(&ctx, &state.db, id).await {
            Err(AppError::NotFound { .. }) if as_attester => {}
            answer => return answer.map(Json),
        },
    }
    // Not the order's party: its attester (or substitute, or decider) sees it.
    Ok(Json(app::attest::service::view(&ctx, &state.db, id).await?.order))
}
