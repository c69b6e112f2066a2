//! Server functions of checkout and orders. The colleague search of the
//! checkout is the directory's: `org::server_fns::search_people`.

use super::dto::{CheckoutInput, CheckoutOptions, MyOrder, OrderDetail};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{domain::authz::Permission, state::serve, state::Gate};

#[server(endpoint = "orders/checkout_options")]
pub async fn get_checkout_options(
    recipient_id: Option<i32>,
    replaces: Option<String>,
) -> Result<CheckoutOptions, AppError> {
    serve(Permission::Order, |ctx, db| async move {
        // A hand-edited `?ersatter=` that is no number replaces nothing.
        let replaces = replaces.and_then(|r| r.trim().parse::<i32>().ok());
        super::service::checkout_options(&ctx, &db, recipient_id, replaces).await
    })
    .await
}

/// Submits the caller's cart as an order; returns the new order's id. The
/// checkout form posts its fields as `input[field]`.
#[server(endpoint = "orders/submit")]
pub async fn submit_order(input: CheckoutInput) -> Result<i32, AppError> {
    serve(Permission::Order, |ctx, db| async move {
        let (order, key) = input.into_order()?;
        let in_flight = crate::state::kept::<super::in_flight::InFlight>()?;
        let today = chrono::Local::now().date_naive();
        let order = super::service::submit_cart(&ctx, &db, &in_flight, order, &key, today).await?;
        Ok(order.summary.id)
    })
    .await
}

#[server(endpoint = "orders/mine")]
pub async fn my_orders() -> Result<Vec<MyOrder>, AppError> {
    serve(Permission::Order, |ctx, db| async move {
        super::service::mine(&ctx, &db).await
    })
    .await
}

#[server(endpoint = "orders/get")]
pub async fn get_order(id: i32) -> Result<OrderDetail, AppError> {
    serve(Gate::SignedIn, |ctx, db| async move {
        super::service::detail(&ctx, &db, id).await
    })
    .await
}
