//! Server functions of fulfilment: the administrator's supplier keys.
//! Thin adapters over `service`.

use super::dto::{CreatedSupplierKey, SupplierKeysPage};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{domain::authz::Permission, state::serve};
use leptos::prelude::*;

#[server(endpoint = "fulfilment/keys")]
pub async fn supplier_keys() -> Result<SupplierKeysPage, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        super::service::keys::page(&ctx, &db).await
    })
    .await
}

/// `supplier_id` as the form sends it (a number; anything else is a field
/// error, not a failure).
#[server(endpoint = "fulfilment/keys/create")]
pub async fn create_supplier_key(supplier_id: String, name: String) -> Result<CreatedSupplierKey, AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let supplier_id = supplier_id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::validation("supplier_id", "Välj en leverantör i listan."))?;
        super::service::keys::create(&ctx, &db, supplier_id, &name).await
    })
    .await
}

#[server(endpoint = "fulfilment/keys/revoke")]
pub async fn revoke_supplier_key(id: String) -> Result<(), AppError> {
    serve(Permission::Administer, |ctx, db| async move {
        let id = id
            .trim()
            .parse::<i32>()
            .map_err(|_| AppError::not_found("Nyckeln finns inte."))?;
        super::service::keys::revoke(&ctx, &db, id).await
    })
    .await
}

/// A coordinator records by hand what happened to order `order_id`'s part
/// from `supplier_id`; the numbers and the date as the form sends them
/// (anything else is a field error, not a failure).
#[server(endpoint = "fulfilment/manual")]
pub async fn handle_part(
    order_id: String,
    supplier_id: String,
    action: String,
    reason: String,
    expected_delivery: Option<String>,
    tracking_number: Option<String>,
) -> Result<(), AppError> {
    serve(Permission::Coordinate, |ctx, db| async move {
        let not_found = || AppError::not_found("Beställningen eller leverantörens del av den finns inte.");
        let order_id = order_id.trim().parse::<i32>().map_err(|_| not_found())?;
        let supplier_id = supplier_id.trim().parse::<i32>().map_err(|_| not_found())?;
        let expected_delivery = match expected_delivery.as_deref().map(str::trim).unwrap_or_default() {
            "" => None,
            s => Some(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| AppError::validation("expected_delivery", "Skriv datumet som ÅÅÅÅ-MM-DD."))?,
            ),
        };
        let input = super::service::manual::ManualInput {
            supplier_id,
            action,
            reason,
            expected_delivery,
            tracking_number,
        };
        super::service::manual::handle(&ctx, &db, order_id, input).await
    })
    .await
}
