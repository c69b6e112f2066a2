//! Server functions of the cart.

use super::dto::Cart;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{domain::authz::Permission, state::serve};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[server(endpoint = "cart/get")]
pub async fn get_cart() -> Result<Cart, AppError> {
    serve(Permission::Order, |ctx, db| async move {
        super::service::get(&ctx, &db, today()).await
    })
    .await
}

#[server(endpoint = "cart/add")]
pub async fn add_to_cart(item_id: i32, quantity: i32) -> Result<(), AppError> {
    serve(Permission::Order, |ctx, db| async move {
        super::service::add(&ctx, &db, item_id, quantity).await
    })
    .await
}

#[server(endpoint = "cart/set")]
pub async fn set_cart_quantity(item_id: i32, quantity: i32) -> Result<(), AppError> {
    serve(Permission::Order, |ctx, db| async move {
        super::service::set_quantity(&ctx, &db, item_id, quantity).await
    })
    .await
}

#[server(endpoint = "cart/add_bundle")]
pub async fn add_bundle_to_cart(bundle_id: i32) -> Result<(), AppError> {
    serve(Permission::Order, |ctx, db| async move {
        super::service::add_bundle(&ctx, &db, bundle_id).await
    })
    .await
}
