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
