//! The supplier API: `GET /api/v1/supplier/orders`,
//! `POST /api/v1/supplier/orders/{id}/ack`, `POST /api/v1/supplier/events`.
//! Called with a supplier's integration key (`Authorization: Bearer
//! avrop-lev_…`, from /admin/leverantorsnycklar), which acts for that
//! supplier only: another supplier's order is not found.

use super::body::ApiJson;
use app::ctx::Ctx;
use app::error::{AppError, ErrorBody};
use app::fulfilment::dto::{EventOutcome, SupplierEventInput, SupplierOrderPage};
use app::fulfilment::service::supplier as service;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::IntoParams;

/// The check every supplier operation makes first: a supplier's key.
fn supplier(ctx: &Ctx) -> Result<i32, AppError> {
    match ctx.supplier_id() {
        Some(id) => Ok(id),
        None if ctx.is_signed_in() => Err(AppError::ForbiddenWithMessage {
            message: "Leverantörs-API:t kräver en leverantörsnyckel.".into(),
        }),
        None => Err(AppError::Unauthorized),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrdersParams {
    /// The parts' state: `attested` (new, the default), `sent_to_supplier`,
    /// `confirmed`, `shipped`, `delivered`, `closed` or `cancelled`.
    state: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// The calling supplier's order parts in a state, oldest first, 100 per
/// page: lines (with `line_id` for serial numbers), delivery address,
/// contact and wanted date.
#[utoipa::path(
    get,
    path = "/api/v1/supplier/orders",
    tag = "supplier",
    params(OrdersParams),
    security(("supplier" = [])),
    responses(
        (status = 200, description = "A page of the supplier's orders", body = SupplierOrderPage),
        (status = 401, description = "No valid supplier key", body = ErrorBody),
        (status = 403, description = "Not a supplier key", body = ErrorBody),
        (status = 422, description = "Unknown `state` or a bad `cursor`; `field` names it", body = ErrorBody),
    )
)]
pub async fn orders(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Query(p): Query<OrdersParams>,
) -> Result<Json<SupplierOrderPage>, AppError> {
    supplier(&ctx)?;
    Ok(Json(
        service::orders(&ctx, &state.db, p.state.as_deref(), p.cursor.as_deref()).await?,
    ))
}

/// The supplier has received the order: its part goes to
/// `sent_to_supplier`.
#[utoipa::path(
    post,
    path = "/api/v1/supplier/orders/{id}/ack",
    tag = "supplier",
    params(("id" = i32, Path, description = "Order id")),
    security(("supplier" = [])),
    responses(
        (status = 200, description = "Acknowledged", body = EventOutcome),
        (status = 401, description = "No valid supplier key", body = ErrorBody),
        (status = 403, description = "Not a supplier key", body = ErrorBody),
        (status = 404, description = "No such order for this supplier", body = ErrorBody),
        (status = 409, description = "Not `attested` (already acknowledged, cancelled…); `state` is the part's state", body = ErrorBody),
    )
)]
pub async fn ack(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<i32>,
) -> Result<Json<EventOutcome>, AppError> {
    supplier(&ctx)?;
    Ok(Json(service::ack(&ctx, &state.db, id).await?))
}

/// What happened to an order at the supplier: `confirmed` or `backordered`
/// (with `expected_delivery`), `shipped` (with `tracking_number`),
/// `delivered` (with serial numbers per line), `rejected` (with `reason`).
/// Applied once per `event_id`: a repeat answers 200 with the first answer
/// and changes nothing. An event that happened before the latest one
/// applied goes on the order's timeline only (`applied: false`). Nothing
/// of a refused event is written.
#[utoipa::path(
    post,
    path = "/api/v1/supplier/events",
    tag = "supplier",
    request_body = SupplierEventInput,
    security(("supplier" = [])),
    responses(
        (status = 200, description = "Applied (or a repeat of an applied event)", body = EventOutcome),
        (status = 401, description = "No valid supplier key", body = ErrorBody),
        (status = 403, description = "Not a supplier key", body = ErrorBody),
        (status = 404, description = "No such order for this supplier", body = ErrorBody),
        (status = 409, description = "Not possible in the part's state (shipped before acknowledged, anything after cancelled…); `state` is the part's state", body = ErrorBody),
        (status = 422, description = "A malformed event; `field` names what", body = ErrorBody),
    )
)]
pub async fn event(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    ApiJson(input): ApiJson<SupplierEventInput>,
) -> Result<Json<EventOutcome>, AppError> {
    supplier(&ctx)?;
    let desk = state.kept::<service::SupplierEvents>()?;
    Ok(Json(service::event(&ctx, &state.db, desk, input).await?))
}
