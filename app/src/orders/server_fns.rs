//! Server functions of checkout and orders.

// The submit function takes the checkout form's fields one by one, so that
// a plain HTML form can post them.
#![allow(clippy::too_many_arguments)]

use super::dto::{CheckoutOptions, OrderDetail, OrderSummary, PersonRef};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "orders/people")]
pub async fn search_people(q: String) -> Result<Vec<PersonRef>, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require(&ctx, crate::domain::authz::Permission::Order)?;
        let db = crate::state::db()?;
        super::service::search_people(&ctx, &db, &q).await
    })
    .await
}

#[server(endpoint = "orders/checkout_options")]
pub async fn get_checkout_options(recipient_id: Option<i32>) -> Result<CheckoutOptions, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require(&ctx, crate::domain::authz::Permission::Order)?;
        let db = crate::state::db()?;
        super::service::checkout_options(&ctx, &db, recipient_id).await
    })
    .await
}

/// Submits the caller's cart as an order; returns the new order's id. The
/// fields are flat so that a plain HTML form can post them.
#[server(endpoint = "orders/submit")]
pub async fn submit_order(
    recipient_id: i32,
    cost_center_id: i32,
    address: String,
    new_label: String,
    new_street: String,
    new_postal_code: String,
    new_city: String,
    contact_name: String,
    contact_phone: String,
    reference: String,
    wanted_date: String,
    note: String,
    idempotency_key: String,
) -> Result<i32, AppError> {
    crate::state::with_status(async move {
        let address_id = match address.as_str() {
            "ny" => None,
            id => Some(
                id.parse::<i32>()
                    .map_err(|_| AppError::validation("address_id", "Välj en leveransadress."))?,
            ),
        };
        let input = super::dto::OrderInput {
            recipient_id,
            cost_center_id,
            address_id,
            new_label,
            new_street,
            new_postal_code,
            new_city,
            contact_name,
            contact_phone,
            reference,
            wanted_date,
            note,
            lines: vec![],
        };
        let ctx = crate::state::ctx();
        crate::ctx::require(&ctx, crate::domain::authz::Permission::Order)?;
        let state = crate::state::app_state()?;
        let db = state.db;
        let today = chrono::Local::now().date_naive();
        let cart = crate::cart::service::get(&ctx, &db, today).await?;
        let lines = cart
            .lines
            .iter()
            .map(|l| {
                Ok(super::dto::LineInput {
                    item_id: l.item.id,
                    quantity: crate::domain::orders::Quantity::new(l.quantity)
                        .map_err(|m| AppError::validation("lines", m))?,
                })
            })
            .collect::<Result<_, AppError>>()?;
        let order = super::service::submit_once(
            &crate::state::kept::<super::in_flight::InFlight>()?,
            &ctx,
            &db,
            super::dto::OrderInput { lines, ..input },
            &idempotency_key,
            today,
            true,
        )
        .await?;
        Ok(order.summary.id)
    })
    .await
}

#[server(endpoint = "orders/mine")]
pub async fn my_orders() -> Result<Vec<OrderSummary>, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require(&ctx, crate::domain::authz::Permission::Order)?;
        let db = crate::state::db()?;
        super::service::mine(&ctx, &db).await
    })
    .await
}

#[server(endpoint = "orders/get")]
pub async fn get_order(id: i32) -> Result<OrderDetail, AppError> {
    crate::state::with_status(async move {
        let ctx = crate::state::ctx();
        crate::ctx::require_signed_in(&ctx)?;
        let db = crate::state::db()?;
        super::service::detail(&ctx, &db, id).await
    })
    .await
}
